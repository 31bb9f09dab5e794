import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './loadConfig';

describe('loadConfig', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'motp-config-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('generates the API key and master key once, 0600, and prints only the API key, only at generation', () => {
		const lines: string[] = [];
		const first = loadConfig({ MOTP_DATA_DIR: dir }, (l) => lines.push(l));
		expect(first.apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(first.masterKey).toHaveLength(32);
		expect(statSync(join(dir, 'api-key')).mode & 0o777).toBe(0o600);
		expect(statSync(join(dir, 'master-key')).mode & 0o777).toBe(0o600);
		expect(lines).toHaveLength(2);
		expect(lines[0]).toContain(first.apiKey);
		// The README's curl step reads $MOTP_API_KEY: the first start says how to set it.
		expect(lines[1]).toContain(`export MOTP_API_KEY=$(cat ${join(dir, 'api-key')})`);
		expect(lines.join()).not.toContain(Buffer.from(first.masterKey).toString('hex'));

		const second = loadConfig({ MOTP_DATA_DIR: dir }, (l) => lines.push(l));
		expect(second.apiKey).toBe(first.apiKey);
		expect(second.masterKey).toEqual(first.masterKey);
		expect(lines).toHaveLength(2);
	});

	it('names the key file relative to the working directory when it is below it', () => {
		const cwd = process.cwd();
		process.chdir(dir);
		try {
			const lines: string[] = [];
			loadConfig({}, (l) => lines.push(l));
			expect(lines[1]).toBe('mOTP: to use it in a shell here:  export MOTP_API_KEY=$(cat data/api-key)');
		} finally {
			process.chdir(cwd);
		}
	});

	it('a data directory made by hand before the first start ends up 0700', () => {
		const data = join(dir, 'made-by-hand');
		mkdirSync(data, { mode: 0o755 });
		chmodSync(data, 0o755);
		const lines: string[] = [];
		loadConfig({ MOTP_DATA_DIR: data }, (l) => lines.push(l));
		expect(statSync(data).mode & 0o777).toBe(0o700);
		expect(lines[0]).toMatch(/set it to 700/);
	});

	it('prefers the environment and reads the documented variables', () => {
		const c = loadConfig(
			{
				MOTP_DATA_DIR: dir,
				MOTP_API_KEY: 'e2e-test-key-0123456789abcdef',
				MOTP_MASTER_KEY: '0'.repeat(64),
				MOTP_INSTITUTE_NAME: '테스트훈련원',
				DATABASE_URL: 'postgres://x@h/db',
				ORIGIN: 'https://motp.example/',
				MOTP_ENROLL_TTL_HOURS: '48'
			},
			() => {}
		);
		expect(c).toMatchObject({
			apiKey: 'e2e-test-key-0123456789abcdef',
			instituteName: '테스트훈련원',
			databaseUrl: 'postgres://x@h/db',
			origin: 'https://motp.example',
			enrollTtlMs: 48 * 3_600_000
		});
		expect(c.masterKey).toEqual(new Uint8Array(32));
		expect(() => statSync(join(dir, 'api-key'))).toThrow();
	});

	const bad: [string, Record<string, string>][] = [
		['short API key', { MOTP_API_KEY: 'short' }],
		['master key not hex', { MOTP_MASTER_KEY: 'z'.repeat(64) }],
		['master key too short', { MOTP_MASTER_KEY: '00' }],
		['TTL zero', { MOTP_ENROLL_TTL_HOURS: '0' }],
		['TTL text', { MOTP_ENROLL_TTL_HOURS: 'day' }],
		['ORIGIN not a URL', { ORIGIN: 'not a url' }],
		['institute name with a control character', { MOTP_INSTITUTE_NAME: 'a\u0007b' }]
	];
	for (const [why, env] of bad) {
		it(`refuses to start: ${why}`, () => expect(() => loadConfig({ MOTP_DATA_DIR: dir, ...env }, () => {})).toThrow());
	}

	it('refuses a corrupted key file instead of using it', () => {
		writeFileSync(join(dir, 'master-key'), 'garbage', { mode: 0o600 });
		expect(() => loadConfig({ MOTP_DATA_DIR: dir, MOTP_API_KEY: 'x'.repeat(20) }, () => {})).toThrow(/master-key/);
		expect(readFileSync(join(dir, 'master-key'), 'utf8')).toBe('garbage');
	});
});
