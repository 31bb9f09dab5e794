import { defineConfig, devices } from '@playwright/test';

// Playwright cannot download browsers here: drive Debian's Chromium (CHROMIUM_PATH).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: Number(process.env.E2E_WORKERS ?? 2),
	retries: 0,
	timeout: 90_000,
	expect: { timeout: 15_000 },
	reporter: [['list']],
	outputDir: 'test-results',
	use: {
		baseURL: `http://localhost:${port}`,
		locale: 'ko-KR',
		timezoneId: 'Asia/Seoul',
		...devices['Pixel 7'],
		viewport: { width: 390, height: 844 },
		browserName: 'chromium',
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		// The production build, served by the same entry point as `npm start` (server.js: every security header).
		command: `node server.js`,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			MOTP_DATA_DIR: 'test-results/e2e-data',
			MOTP_API_KEY: 'e2e-test-key-0123456789abcdef0123456789',
			MOTP_MASTER_KEY: '0'.repeat(64),
			// No ORIGIN: the app takes the protocol from the connection, as on a newcomer's machine.
			MOTP_INSTITUTE_NAME: '테스트훈련원'
		},
		url: `http://localhost:${port}/api/v1/time`,
		reuseExistingServer: false,
		timeout: 60_000
	}
});
