import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, MIN_API_KEY_LENGTH } from './loadConfig';

describe('loadConfig', () => {
	// `root/data` is the data directory, so the default key directory (`root/keys`) is this test's own.
	let root: string;
	let dir: string;
	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'motp-config-'));
		dir = join(root, 'data');
		mkdirSync(dir, { mode: 0o700 });
	});
	afterEach(() => {
		vi.restoreAllMocks();
		rmSync(root, { recursive: true, force: true });
	});

	it('generates the API key and master key once, 0600, and prints only the API key, only at generation', () => {
		const lines: string[] = [];
		const warn = vi.spyOn(console, 'warn');
		const first = loadConfig({ MOTP_DATA_DIR: dir }, (l) => lines.push(l));
		expect(first.apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(first.masterKey).toHaveLength(32);
		expect(statSync(join(dir, 'api-key')).mode & 0o777).toBe(0o600);
		// The master key is generated beside the data directory, never inside it (issue 12).
		expect(() => statSync(join(dir, 'master-key'))).toThrow();
		expect(statSync(join(root, 'keys', 'master-key')).mode & 0o777).toBe(0o600);
		expect(statSync(join(root, 'keys')).mode & 0o777).toBe(0o700);
		expect(warn).not.toHaveBeenCalled();
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
				MOTP_API_KEY: 'e2e-test-key-0123456789abcdef0123456789',
				MOTP_MASTER_KEY: '0'.repeat(64),
				MOTP_INSTITUTE_NAME: '테스트훈련원',
				DATABASE_URL: 'postgres://x@h/db',
				ORIGIN: 'https://motp.example/',
				MOTP_ENROLL_TTL_HOURS: '48'
			},
			() => {}
		);
		expect(c).toMatchObject({
			apiKey: 'e2e-test-key-0123456789abcdef0123456789',
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
		['API key one character short', { MOTP_API_KEY: 'k'.repeat(MIN_API_KEY_LENGTH - 1) }],
		['master key not hex', { MOTP_MASTER_KEY: 'z'.repeat(64) }],
		['master key too short', { MOTP_MASTER_KEY: '00' }],
		['TTL zero', { MOTP_ENROLL_TTL_HOURS: '0' }],
		['TTL text', { MOTP_ENROLL_TTL_HOURS: 'day' }],
		['ORIGIN not a URL', { ORIGIN: 'not a url' }],
		['institute name with a control character', { MOTP_INSTITUTE_NAME: 'a\u0007b' }],
		['audit retention under a year', { MOTP_AUDIT_RETENTION_DAYS: '30' }],
		['audit retention not a number', { MOTP_AUDIT_RETENTION_DAYS: '4y' }]
	];

	it('keeps audit rows 4 years by default; MOTP_AUDIT_RETENTION_DAYS sets days, off keeps them forever', () => {
		const base = { MOTP_DATA_DIR: dir, MOTP_API_KEY: 'x'.repeat(40), MOTP_MASTER_KEY: '0'.repeat(64) };
		expect(loadConfig(base, () => {}).auditRetentionDays).toBe(1461);
		expect(loadConfig({ ...base, MOTP_AUDIT_RETENTION_DAYS: '1826' }, () => {}).auditRetentionDays).toBe(1826);
		expect(loadConfig({ ...base, MOTP_AUDIT_RETENTION_DAYS: 'OFF' }, () => {}).auditRetentionDays).toBeNull();
	});
	for (const [why, env] of bad) {
		it(`refuses to start: ${why}`, () => expect(() => loadConfig({ MOTP_DATA_DIR: dir, ...env }, () => {})).toThrow());
	}

	it('refuses a corrupted key file instead of using it', () => {
		mkdirSync(join(root, 'keys'), { recursive: true });
		writeFileSync(join(root, 'keys', 'master-key'), 'garbage', { mode: 0o600 });
		expect(() => loadConfig({ MOTP_DATA_DIR: dir, MOTP_API_KEY: 'x'.repeat(40) }, () => {})).toThrow(/master-key/);
		expect(readFileSync(join(root, 'keys', 'master-key'), 'utf8')).toBe('garbage');
	});

	it('says what is wrong with a short API key, and how to make a good one', () => {
		expect(() => loadConfig({ MOTP_DATA_DIR: dir, MOTP_API_KEY: 'institute2026' }, () => {})).toThrow(
			/MOTP_API_KEY is 13 characters; it must be at least 32\. .*randomBytes/
		);
		expect(loadConfig({ MOTP_DATA_DIR: dir, MOTP_API_KEY: 'k'.repeat(MIN_API_KEY_LENGTH) }, () => {}).apiKey).toHaveLength(32);
	});

	it('reads the master key from MOTP_MASTER_KEY_FILE, creating it there when missing', () => {
		const file = join(root, 'elsewhere', 'mk');
		const a = loadConfig({ MOTP_DATA_DIR: dir, MOTP_MASTER_KEY_FILE: file }, () => {});
		expect(readFileSync(file, 'utf8').trim()).toBe(Buffer.from(a.masterKey).toString('hex'));
		expect(loadConfig({ MOTP_DATA_DIR: dir, MOTP_MASTER_KEY_FILE: file }, () => {}).masterKey).toEqual(a.masterKey);
	});

	it('keeps using a key generated into the data directory by an older version, and warns how to move it', () => {
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'master-key'), `${'ab'.repeat(32)}\n`, { mode: 0o600 });
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const c = loadConfig({ MOTP_DATA_DIR: dir, MOTP_API_KEY: 'x'.repeat(40) }, () => {});
		expect(Buffer.from(c.masterKey).toString('hex')).toBe('ab'.repeat(32));
		expect(() => statSync(join(root, 'keys', 'master-key'))).toThrow(); // not silently copied
		expect(warn.mock.calls.join()).toMatch(/same directory as the database.*MOTP_MASTER_KEY_FILE/);
		expect(warn.mock.calls.join()).not.toContain('ab'.repeat(32));
	});

	it('warns when a key file is pointed into the data directory on purpose', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		loadConfig({ MOTP_DATA_DIR: dir, MOTP_API_KEY: 'x'.repeat(40), MOTP_MASTER_KEY_FILE: join(dir, 'mk') }, () => {});
		expect(warn).toHaveBeenCalledTimes(1);
	});
});
