import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { securePrivateDir } from './securePrivateDir';

const modeOf = (p: string) => statSync(p).mode & 0o777;

describe('securePrivateDir', () => {
	let root: string;
	let dir: string;
	let lines: string[];
	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'motp-dir-'));
		dir = join(root, 'data');
		lines = [];
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	it('leaves a missing directory to whoever first writes there', () => {
		expect(securePrivateDir(dir, (l) => lines.push(l))).toBe('absent');
		expect(() => statSync(dir)).toThrow();
		expect(lines).toEqual([]);
	});

	it('says nothing about a directory that is already 0700', () => {
		mkdirSync(dir, { mode: 0o700 });
		expect(securePrivateDir(dir, (l) => lines.push(l))).toBe('private');
		expect(lines).toEqual([]);
	});

	it('tightens a directory made before the first start (0755, none of our files) to 0700, and says so', () => {
		mkdirSync(dir);
		chmodSync(dir, 0o755);
		expect(securePrivateDir(dir, (l) => lines.push(l))).toBe('tightened');
		expect(modeOf(dir)).toBe(0o700);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/was mode 755; set it to 700/);
	});

	it('only warns, with the fix, about a directory already in use (a deliberate 0750 stays)', () => {
		mkdirSync(dir);
		chmodSync(dir, 0o750);
		writeFileSync(join(dir, 'master-key'), '0'.repeat(64), { mode: 0o600 });
		expect(securePrivateDir(dir, (l) => lines.push(l))).toBe('warned');
		expect(modeOf(dir)).toBe(0o750);
		expect(lines).toEqual([expect.stringContaining(`chmod 700 ${dir}`)]);
	});

	it('refuses a path that is not a string, by name', () => {
		expect(() => securePrivateDir(undefined as unknown as string, () => {})).toThrow(TypeError);
		expect(() => securePrivateDir('', () => {})).toThrow(/dir/);
	});
});
