// mOTP × LMS — Node.js example (Node 18+, no dependencies). docs/lms-guide.en.md / docs/lms-guide.ko.md.
//
// A tiny LMS: `GET /start?trainee=ID` sends the trainee to mOTP's hosted page with a signed request,
// `GET /return?motp_result=…` checks the signed result (signature, audience, expiry, state, nonce —
// each nonce once) and shows the outcome. `node motp-lms.mjs verify <traineeId> <code>` is the
// server-to-server way (POST /api/v1/verify with an Idempotency-Key, retried once on a lost answer).
//
// Settings (environment): MOTP_ORIGIN (e.g. https://motp.example.ac.kr), MOTP_API_KEY (server to
// server), MOTP_CLIENT_ID and MOTP_CLIENT_SECRET (from POST /api/v1/clients), LMS_ORIGIN (this
// server's public origin, registered as the client's returnTo prefix with the path /lms), PORT.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const MOTP_ORIGIN = process.env.MOTP_ORIGIN ?? 'http://localhost:5173';
const CLIENT_ID = process.env.MOTP_CLIENT_ID ?? '';
const CLIENT_SECRET = process.env.MOTP_CLIENT_SECRET ?? '';
const PORT = Number(process.env.PORT ?? 8080);
const LMS_ORIGIN = process.env.LMS_ORIGIN ?? `http://127.0.0.1:${PORT}`;

const hmac = (text) => createHmac('sha256', Buffer.from(CLIENT_SECRET, 'utf8')).update(text, 'utf8').digest('base64url');

/** The link to mOTP's hosted page for one trainee (the trainee id is signed: nobody can swap it). */
export function hostedPageUrl(traineeId, state, returnTo, lang) {
	const p = { client: CLIENT_ID, trainee: traineeId, state, return_to: returnTo, ts: String(Math.floor(Date.now() / 1000)) };
	const sig = hmac(['motp-v1', p.client, p.trainee, p.state, p.return_to, p.ts].join('\n'));
	const url = new URL('/v', MOTP_ORIGIN);
	for (const [k, v] of Object.entries({ ...p, sig })) url.searchParams.set(k, v);
	if (lang) url.searchParams.set('lang', lang);
	return url.href;
}

const seenNonces = new Map(); // nonce → exp; use your database in production (a UNIQUE column)

/** Checks a signed result; returns its claims, or throws with the reason. */
export function verifyResult(jws, expectedState) {
	const parts = String(jws).split('.');
	if (parts.length !== 3) throw new Error('malformed');
	const [h, p, sig] = parts;
	const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
	if (header.alg !== 'HS256') throw new Error('unexpected alg'); // never accept "none" or another alg
	const expected = Buffer.from(hmac(`${h}.${p}`));
	const given = Buffer.from(sig);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new Error('bad signature');
	const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
	const now = Math.floor(Date.now() / 1000);
	if (claims.iss !== MOTP_ORIGIN) throw new Error('wrong issuer');
	if (claims.aud !== CLIENT_ID) throw new Error('wrong audience');
	if (typeof claims.exp !== 'number' || claims.exp < now) throw new Error('expired');
	if (claims.state !== expectedState) throw new Error('state mismatch');
	for (const [n, exp] of seenNonces) if (exp < now) seenNonces.delete(n);
	if (seenNonces.has(claims.nonce)) throw new Error('replayed');
	seenNonces.set(claims.nonce, claims.exp);
	return claims;
}

/** Server to server: one verification, retried with the same Idempotency-Key if the answer is lost. */
export async function verifyCode(traineeId, code) {
	const key = randomUUID();
	for (let attempt = 1; ; attempt++) {
		try {
			const res = await fetch(new URL('/api/v1/verify', MOTP_ORIGIN), {
				method: 'POST',
				headers: { authorization: `Bearer ${process.env.MOTP_API_KEY}`, 'content-type': 'application/json', 'idempotency-key': key },
				body: JSON.stringify({ traineeId, code })
			});
			return { status: res.status, replayed: res.headers.get('idempotent-replayed') === 'true', body: await res.json() };
		} catch (error) {
			if (attempt >= 3) throw error; // a network error: the same key makes the retry safe
		}
	}
}

const sessions = new Map(); // state → traineeId; your LMS keeps this in the trainee's session

function page(res, status, text) {
	res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
	res.end(text);
}

if (process.argv[2] === 'verify') {
	console.log(JSON.stringify(await verifyCode(process.argv[3], process.argv[4])));
} else if (process.argv[2] === 'sign-url') {
	console.log(hostedPageUrl(process.argv[3], process.argv[4], process.argv[5]));
} else {
	createServer((req, res) => {
		const url = new URL(req.url, LMS_ORIGIN);
		if (url.pathname === '/lms/start') {
			const state = randomBytes(16).toString('base64url');
			sessions.set(state, url.searchParams.get('trainee'));
			res.writeHead(302, { location: hostedPageUrl(url.searchParams.get('trainee'), state, `${LMS_ORIGIN}/lms/return`, url.searchParams.get('lang')) });
			return res.end();
		}
		if (url.pathname === '/lms/return') {
			// The state is looked up, not deleted: a replayed result must be refused by its nonce.
			const result = url.searchParams.get('motp_result') ?? '';
			let state = '';
			try {
				state = JSON.parse(Buffer.from(result.split('.')[1] ?? '', 'base64url').toString('utf8')).state ?? '';
			} catch {}
			if (!sessions.has(state)) return page(res, 400, 'REFUSED: unknown state');
			try {
				const claims = verifyResult(result, state);
				if (claims.sub !== sessions.get(state)) return page(res, 400, 'REFUSED: another trainee');
				return page(res, 200, `VERIFIED ${claims.sub} ${claims.result}`);
			} catch (error) {
				return page(res, 400, `REFUSED: ${error.message}`);
			}
		}
		page(res, 404, 'not found');
	}).listen(PORT, '127.0.0.1', () => console.log(`LMS example listening on ${LMS_ORIGIN}`));
}
