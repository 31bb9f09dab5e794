// Verifier: POST /api/v1/verify under load, SQLite and PostgreSQL, one process and two, next to
// GET /api/v1/time under the same load (the floor of this server stack on this machine).
//
// What is measured (issue 15): the servers' own CPU time (user + system, /proc) per answered
// verification, throughput, and p50/p99 latency, at 8 connections in total.
//
// The load is a realistic mix, and nobody locks:
// - Each request goes to the next trainee in turn, over thousands of trainees enrolled through the
//   API, so the per-trainee limit (60 at once, 1/s) does not bind either.
// - Most requests carry the trainee's right code for the current step, computed here from the
//   secret the redeem returned: the first per trainee and step is `accepted`, the others are
//   `replayed` (an LMS retry, a double submit). Every 4th round is a wrong code (`invalid`), but
//   never more than 8 for one trainee over the whole benchmark, and always between right codes, so
//   neither lockout limit (5 in a row, 10 in 30 days) is ever reached: a `locked` answer would skip
//   the work and flatter the figure, so any is reported.
// - Requests carry X-Forwarded-For from 1,000 addresses (ADDRESS_HEADER=x-forwarded-for,
//   XFF_DEPTH=1), as if many institute backends called; the per-address limiter runs on every
//   request but does not bind; any 429 is reported.
import { createHmac, randomBytes } from 'node:crypto';
import { base32 } from '@scure/base';
import pg from 'pg';
import { cpuMicros } from './lib/cpuTime.js';
import { measureFsyncRate } from './lib/fsyncRate.js';
import { runLoad } from './lib/load.js';
import { API_KEY, startServer } from './lib/server.js';

const ADDRESSES = 1000;
const MAX_WRONG_PER_TRAINEE = 8;
const proxyEnv = { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' };
const address = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const auth = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };

/** Issues and redeems enrollments through the API, a few at a time; returns each trainee's secret. */
async function enrollTrainees(base, count, concurrency = 8) {
	const trainees = Array.from({ length: count }, (_, i) => ({ id: `bench-${String(i).padStart(5, '0')}`, secret: Buffer.alloc(0), wrong: 0, sinceAccepted: 0, lastRightStep: -1 }));
	let next = 0;
	const worker = async () => {
		while (next < trainees.length) {
			const i = next++;
			const t = trainees[i];
			const headers = { ...auth, 'x-forwarded-for': address(i % ADDRESSES) };
			const issued = await fetch(`${base}/api/v1/trainees/${t.id}/enrollment`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ name: '홍길동', phone: `010-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}` })
			});
			if (issued.status !== 201) throw new Error(`issue ${t.id}: ${issued.status} ${await issued.text()}`);
			const token = String((await issued.json()).enrollUrl).split('#')[1];
			const redeemed = await fetch(`${base}/api/v1/enroll/redeem`, { method: 'POST', headers, body: JSON.stringify({ token }) });
			if (redeemed.status !== 200) throw new Error(`redeem ${t.id}: ${redeemed.status} ${await redeemed.text()}`);
			const otpauth = String((await redeemed.json()).otpauth);
			t.secret = Buffer.from(base32.decode(new URL(otpauth.replace('otpauth://', 'http://')).searchParams.get('secret')));
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return trainees;
}

/** RFC 6238 with the service's profile (SHA-1, 6 digits, 60 s), computed here so the load knows the right code. */
function totp(secret, now) {
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(now / 60_000)));
	const mac = createHmac('sha1', secret).update(counter).digest();
	const o = mac[19] & 15;
	return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/**
 * The next verify request: mostly the trainee's right code (accepted once per 60-s step, replayed
 * after that), and every fourth round a wrong one. Nobody may lock, or the locked answers would
 * skip the work being measured: replays neither count nor end a run of failures, so a trainee gets
 * a wrong code only while fewer than 4 came since their last accepted one (5 in a row lock), and at
 * most 8 in all (10 within 30 days lock, and the SQLite runs share one database).
 */
const verifyRequest = (trainees) => (i) => {
	const t = trainees[i % trainees.length];
	const round = Math.floor(i / trainees.length);
	const now = Date.now();
	let code = totp(t.secret, now);
	const step = Math.floor(now / 60_000);
	if (round % 4 === 3 && t.wrong < MAX_WRONG_PER_TRAINEE && t.sinceAccepted < 4) {
		t.wrong++;
		t.sinceAccepted++;
		code = String((Number(code) + 1 + (i % 999_998)) % 1_000_000).padStart(6, '0');
	} else if (step !== t.lastRightStep) {
		// The first right code of a step is accepted: the run of failures ends there.
		t.lastRightStep = step;
		t.sinceAccepted = 0;
	}
	return {
		method: 'POST',
		path: '/api/v1/verify',
		headers: { ...auth, 'x-forwarded-for': address(i % ADDRESSES) },
		body: `{"traineeId":"${t.id}","code":"${code}"}`
	};
};
const timeRequest = (i) => ({ method: 'GET', path: '/api/v1/time', headers: { 'x-forwarded-for': address(i % ADDRESSES) } });

/** Counts the verify answers by result (a substring test: the bench must not spend its CPU on JSON). */
function tally() {
	const counts = { accepted: 0, invalid: 0, replayed: 0, locked: 0, other: 0 };
	return {
		counts,
		onBody: (status, body) => {
			if (status !== 200) counts.other++;
			else if (body.includes('"accepted"')) counts.accepted++;
			else if (body.includes('"replayed"')) counts.replayed++;
			else if (body.includes('"invalid"')) counts.invalid++;
			else if (body.includes('"locked"')) counts.locked++;
			else counts.other++;
		}
	};
}

/** One load run with the servers' CPU time around it. */
async function measured(servers, connections, duration, request, onBody) {
	const pids = servers.map((s) => s.pid);
	const before = cpuMicros(pids);
	const run = await runLoad({ urls: servers.map((s) => s.url), connections, duration, request, onBody });
	const cpu = cpuMicros(pids) - before;
	const answered = Object.entries(run.statuses).reduce((s, [k, v]) => (k.startsWith('2') ? s + v : s), 0);
	return { ...run, cpuSeconds: Math.round(cpu / 10_000) / 100, cpuMicrosPerRequest: answered ? Math.round(cpu / answered) : undefined };
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
export async function measureVerifier({ ports, postgresUrl, duration = 30, connections = 8, trainees = 4000, log = () => {} }) {
	const load = (servers, request, onBody) => measured(servers, connections, duration, request, onBody);
	const warm = (servers, request) => runLoad({ urls: servers.map((s) => s.url), connections, duration: 3, request });
	const out = { duration, connections, trainees, addresses: ADDRESSES, fsyncPerSecond: measureFsyncRate(), ceiling: {}, backends: {} };

	/** Runs the verify load with one process, then with two, against one database. */
	const backend = async (name, startOne, withKitBaseline = false) => {
		const a = await startOne(ports[0]);
		const servers = [a];
		try {
			log(`verifier: ${name}: enrolling ${trainees} trainees…`);
			const t0 = Date.now();
			const enrolled = await enrollTrainees(a.url, trainees);
			const result = { enrollSeconds: Math.round((Date.now() - t0) / 100) / 10 };

			if (!out.ceiling.oneProcess) {
				log('verifier: floor, GET /api/v1/time, 1 process…');
				await warm([a], timeRequest);
				out.ceiling.oneProcess = await load([a], timeRequest);
			}
			log(`verifier: ${name}, 1 process…`);
			await warm([a], verifyRequest(enrolled));
			const t1 = tally();
			result.oneProcess = { ...(await load([a], verifyRequest(enrolled), t1.onBody)), answers: t1.counts };

			if (withKitBaseline) {
				// The same endpoint through SvelteKit's own request pipeline (MOTP_API_FAST_PATH=off), in
				// the same minutes, against the same database: the baseline the fast path is measured against.
				const kit = await startOne(ports[1], { MOTP_API_FAST_PATH: 'off' });
				try {
					log(`verifier: ${name}, 1 process, through SvelteKit (fast path off)…`);
					await warm([kit], timeRequest);
					out.ceiling.oneProcessKit = await load([kit], timeRequest);
					await warm([kit], verifyRequest(enrolled));
					const tk = tally();
					result.oneProcessKit = { ...(await load([kit], verifyRequest(enrolled), tk.onBody)), answers: tk.counts };
				} finally {
					await kit.stop();
				}
			}

			servers.push(await startOne(ports[1]));
			if (!out.ceiling.twoProcesses) {
				log('verifier: floor, GET /api/v1/time, 2 processes…');
				await warm(servers, timeRequest);
				out.ceiling.twoProcesses = await load(servers, timeRequest);
			}
			log(`verifier: ${name}, 2 processes…`);
			await warm(servers, verifyRequest(enrolled));
			const t2 = tally();
			result.twoProcesses = { ...(await load(servers, verifyRequest(enrolled), t2.onBody)), answers: t2.counts };
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
		out.backends.sqlite = await backend('SQLite', (port, env = {}) => startServer({ port, dataDir: sqliteDir, env: { ...proxyEnv, ...env } }), true);
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
			out.backends.postgres = await backend('PostgreSQL', (port, env = {}) => startServer({ port, databaseUrl, dataDir, env: { ...proxyEnv, ...env } }));
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
