// Verifier: POST /api/v1/verify under 30 s of load, SQLite and PostgreSQL, one process and two,
// next to GET /api/v1/time under the same load (the ceiling of this server stack on this machine).
//
// The load is honest about the limiter and the lockout:
// - Requests carry X-Forwarded-For from 1,000 addresses (the servers run with adapter-node's
//   ADDRESS_HEADER=x-forwarded-for, XFF_DEPTH=1), as if many institute backends called. The
//   per-address limiter still runs on every request, it just does not bind; 429s are counted.
// - Bodies cycle over many enrolled trainees, so the per-trainee limit (60 burst, 1/s) does not bind.
// - Codes are random, so almost all are wrong: each trainee is rejected 5 times, then locked.
//   Every answer (accepted, rejected, locked) does the same work: read the credential, open the
//   sealed secret (AES-GCM), compute the 3 window codes (HMAC), and one write transaction that
//   updates the counters and appends an audit row. So the mix of answers does not change the cost;
//   the tally is reported anyway.
import { randomBytes, randomInt } from 'node:crypto';
import pg from 'pg';
import { measureFsyncRate } from './lib/fsyncRate.js';
import { runLoad } from './lib/load.js';
import { API_KEY, startServer } from './lib/server.js';

const ADDRESSES = 1000;
const proxyEnv = { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' };
const address = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const auth = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };

/** Issues and redeems enrollments through the API, a few at a time. */
async function enrollTrainees(base, count, concurrency = 8) {
	const ids = Array.from({ length: count }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
	let next = 0;
	const worker = async () => {
		while (next < ids.length) {
			const i = next++;
			const id = ids[i];
			const issued = await fetch(`${base}/api/v1/trainees/${id}/enrollment`, {
				method: 'POST',
				headers: { ...auth, 'x-forwarded-for': address(i % ADDRESSES) },
				body: JSON.stringify({ name: '홍길동', phone: `010-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}` })
			});
			if (issued.status !== 201) throw new Error(`issue ${id}: ${issued.status} ${await issued.text()}`);
			const token = String((await issued.json()).enrollUrl).split('#')[1];
			const redeemed = await fetch(`${base}/api/v1/enroll/redeem`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-forwarded-for': address(i % ADDRESSES) },
				body: JSON.stringify({ token })
			});
			if (redeemed.status !== 200) throw new Error(`redeem ${id}: ${redeemed.status} ${await redeemed.text()}`);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return ids;
}

const verifyRequest = (ids) => (i) => ({
	method: 'POST',
	path: '/api/v1/verify',
	headers: { ...auth, 'x-forwarded-for': address(i % ADDRESSES) },
	body: `{"traineeId":"${ids[i % ids.length]}","code":"${String(randomInt(1_000_000)).padStart(6, '0')}"}`
});
const timeRequest = (i) => ({ method: 'GET', path: '/api/v1/time', headers: { 'x-forwarded-for': address(i % ADDRESSES) } });

/** Counts the verify answers by result (a substring test: the bench must not spend its CPU on JSON). */
function tally() {
	const counts = { accepted: 0, rejected: 0, locked: 0, other: 0 };
	return {
		counts,
		onBody: (status, body) => {
			if (status !== 200) counts.other++;
			else if (body.includes('"locked"')) counts.locked++;
			else if (body.includes('"rejected"')) counts.rejected++;
			else if (body.includes('"accepted"')) counts.accepted++;
			else counts.other++;
		}
	};
}

/**
 * @param {object} options
 * @param {number[]} options.ports - two ports
 * @param {string} [options.postgresUrl] - skipped (and reported so) when absent or unreachable
 * @param {number} [options.duration] - seconds per measured run
 * @param {number} [options.connections] - in total per run
 * @param {number} [options.trainees]
 * @param {(line: string) => void} [options.log]
 */
export async function measureVerifier({ ports, postgresUrl, duration = 30, connections = 16, trainees = 2000, log = () => {} }) {
	const load = (urls, request, onBody) => runLoad({ urls, connections, duration, request, onBody });
	const warm = (urls, request) => runLoad({ urls, connections, duration: 3, request });
	const out = { duration, connections, trainees, addresses: ADDRESSES, fsyncPerSecond: measureFsyncRate(), ceiling: {}, backends: {} };

	/** Runs the verify load with one process, then with two, against one database. */
	const backend = async (name, startOne) => {
		const a = await startOne(ports[0]);
		const servers = [a];
		try {
			log(`verifier: ${name}: enrolling ${trainees} trainees…`);
			const t0 = Date.now();
			const ids = await enrollTrainees(a.url, trainees);
			const enrollSeconds = (Date.now() - t0) / 1000;
			const result = { enrollSeconds: Math.round(enrollSeconds * 10) / 10 };

			if (!out.ceiling.oneProcess) {
				log('verifier: ceiling, GET /api/v1/time, 1 process…');
				await warm([a.url], timeRequest);
				out.ceiling.oneProcess = await load([a.url], timeRequest);
			}
			log(`verifier: ${name}, 1 process…`);
			await warm([a.url], verifyRequest(ids));
			const t1 = tally();
			result.oneProcess = { ...(await load([a.url], verifyRequest(ids), t1.onBody)), answers: t1.counts };

			servers.push(await startOne(ports[1]));
			const urls = servers.map((s) => s.url);
			if (!out.ceiling.twoProcesses) {
				log('verifier: ceiling, GET /api/v1/time, 2 processes…');
				await warm(urls, timeRequest);
				out.ceiling.twoProcesses = await load(urls, timeRequest);
			}
			log(`verifier: ${name}, 2 processes…`);
			await warm(urls, verifyRequest(ids));
			const t2 = tally();
			result.twoProcesses = { ...(await load(urls, verifyRequest(ids), t2.onBody)), answers: t2.counts };
			return result;
		} finally {
			for (const s of servers) await s.stop();
		}
	};

	// SQLite: both processes open the same file (WAL, busy_timeout), as two instances on one host would.
	const { mkdtempSync, rmSync } = await import('node:fs');
	const { tmpdir } = await import('node:os');
	const { join } = await import('node:path');
	const sqliteDir = mkdtempSync(join(tmpdir(), 'motp-bench-sqlite-'));
	try {
		out.backends.sqlite = await backend('SQLite', (port) => startServer({ port, dataDir: sqliteDir, env: proxyEnv }));
	} finally {
		rmSync(sqliteDir, { recursive: true, force: true });
	}

	// PostgreSQL: a schema of our own, dropped afterwards (the same isolation as the e2e tests).
	if (!postgresUrl) {
		out.backends.postgres = { skipped: 'no PostgreSQL URL (set BENCH_DATABASE_URL or TEST_DATABASE_URL)' };
		return out;
	}
	const schema = `motp_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
	try {
		out.postgresVersion = await sql(postgresUrl, 'SHOW server_version').then((r) => r.rows[0].server_version);
		await sql(postgresUrl, `CREATE SCHEMA ${schema}`);
	} catch (error) {
		out.backends.postgres = { skipped: `PostgreSQL at ${redact(postgresUrl)} is not reachable: ${error.message}` };
		return out;
	}
	try {
		const databaseUrl = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
		const dataDir = mkdtempSync(join(tmpdir(), 'motp-bench-pg-'));
		try {
			out.backends.postgres = await backend('PostgreSQL', (port) => startServer({ port, databaseUrl, dataDir, env: proxyEnv }));
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	} finally {
		await sql(postgresUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	}
	return out;
}

async function sql(url, statement) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await client.query(statement);
	} finally {
		await client.end();
	}
}

function redact(url) {
	return url.replace(/\/\/[^@/]*@/, '//…@');
}
