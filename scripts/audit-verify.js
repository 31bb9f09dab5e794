#!/usr/bin/env node
// `npm run audit:verify FILE [--head HASH]`: checks an mOTP audit export (CSV or JSON lines) offline.
// Exit 0 when every check passes, 1 when the file fails one, 2 when it cannot be read as an export.
// With MOTP_MASTER_KEY in the environment (the institute's own check) it also verifies the seals.
import { readFileSync } from 'node:fs';
import { auditKeyFromMaster, FormatError, parseExport, verifyExport } from './auditExportVerifier.js';

const args = process.argv.slice(2);
const headAt = args.indexOf('--head');
const expectedHead = headAt === -1 ? undefined : args.splice(headAt, 2)[1];
const [file] = args;
if (!file || args.length > 1 || (headAt !== -1 && !expectedHead)) {
	console.error('usage: npm run audit:verify FILE [-- --head HASH]');
	process.exit(2);
}
try {
	const master = process.env.MOTP_MASTER_KEY?.trim();
	const report = verifyExport(parseExport(readFileSync(file, 'utf8')), { expectedHead, auditKey: master ? auditKeyFromMaster(master) : undefined });
	for (const p of report.problems) console.log(`FAIL ${p.reason}${p.id === null ? '' : ` at entry #${p.id}`}${p.line ? ` (line ${p.line})` : ''}: ${p.detail}`);
	for (const n of report.notes) console.log(`note: ${n}`);
	console.log(report.ok ? `OK: ${report.rows} rows, chain intact${master ? ', seals verified' : ''}` : `FAILED: ${report.problems.length} problem(s) in ${report.rows} rows`);
	process.exit(report.ok ? 0 : 1);
} catch (error) {
	if (error instanceof FormatError || (error && /** @type {{code?: string}} */ (error).code === 'ENOENT')) {
		console.error(`cannot read ${file} as an mOTP audit export: ${error instanceof Error ? error.message : error}`);
		process.exit(2);
	}
	throw error;
}
