import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:engines`: the WebKit and Firefox suite (tests/engines/engines.test.ts). One worker,
// one test at a time: every test drives a real browser on a shared 2-core machine.
export default defineConfig({
	root: fileURLToPath(new URL('../..', import.meta.url)),
	test: {
		include: ['tests/engines/**/*.test.ts'],
		environment: 'node',
		pool: 'forks',
		fileParallelism: false,
		maxWorkers: 1,
		testTimeout: 300_000,
		hookTimeout: 120_000,
		reporters: ['default', './tests/engines/tableReporter.ts']
	}
});
