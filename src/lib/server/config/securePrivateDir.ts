import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The files that mark a data directory as already in use by a deployment. */
const OURS = ['api-key', 'master-key', 'motp.db'];

/** What {@link securePrivateDir} did. */
export type PrivateDirOutcome = 'absent' | 'private' | 'tightened' | 'warned';

/**
 * Makes sure only its owner can enter the data directory (keys, the SQLite file, names and phone
 * numbers): mode 0700.
 *
 * - Missing: nothing to do. Whatever first writes there (a generated key, the SQLite file) creates
 *   it 0700, and a deployment with its keys in the environment and PostgreSQL never needs it.
 * - Wider than 0700 but holding none of our files yet (made by hand, by `git clone` tooling or by
 *   a volume mount before the first start): tightened to 0700, and said so. `mkdir` never changes
 *   the mode of a directory that already exists, which is how a pre-made `data/` stayed 0755.
 * - Wider than 0700 and already in use: a warning with the fix, nothing changed. The operator may
 *   have opened it on purpose (a backup group), and a running deployment's permissions should not
 *   change behind its back. The key files themselves are 0600 either way.
 * - A chmod that fails (someone else's directory): a warning.
 *
 * POSIX modes only; on Windows this does nothing.
 *
 * @param dir - the data directory, absolute
 * @param report - where the one line about a change or a warning goes
 */
export function securePrivateDir(dir: string, report: (line: string) => void): PrivateDirOutcome {
	if (typeof dir !== 'string' || dir === '') throw new TypeError('securePrivateDir: dir must be a non-empty path');
	if (!existsSync(dir)) return 'absent';
	if (process.platform === 'win32') return 'private';
	const mode = statSync(dir).mode & 0o777;
	if ((mode & 0o077) === 0) return 'private';
	const fix = `chmod 700 ${dir}`;
	if (OURS.some((name) => existsSync(join(dir, name)))) {
		report(`mOTP: warning: ${dir} is open to other users (mode ${mode.toString(8)}); it holds keys and personal data. Run: ${fix}`);
		return 'warned';
	}
	try {
		chmodSync(dir, 0o700);
	} catch (error) {
		const why = (error as NodeJS.ErrnoException).code ?? String(error);
		report(`mOTP: warning: ${dir} is open to other users (mode ${mode.toString(8)}) and could not be changed (${why}). Run: ${fix}`);
		return 'warned';
	}
	report(`mOTP: ${dir} was mode ${mode.toString(8)}; set it to 700 (it will hold keys and personal data)`);
	return 'tightened';
}
