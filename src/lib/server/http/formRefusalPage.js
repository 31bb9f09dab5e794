// Plain JavaScript (typed by JSDoc) because server.js loads it under plain node, outside Vite.

/**
 * The exact text SvelteKit answers a cross-site form submission with
 * (`@sveltejs/kit/src/runtime/server/respond.js`), as `text/plain` with status 403, before any
 * hook runs.
 * @param {string} method
 */
export function kitFormRefusalText(method) {
	return `Cross-site ${method} form submissions are forbidden`;
}

/** @param {string} text */
function escapeHtml(text) {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page shown instead of SvelteKit's bare "Cross-site POST form submissions are forbidden":
 * what happened and what to do, in Korean and then English. The most common cause is not an
 * attack but a server that believes it lives at another address than the one in the address bar
 * (http against https, another port or host: `ORIGIN` or `PROTOCOL_HEADER` missing behind a
 * proxy), or a browser extension that strips the `Origin` header.
 *
 * Both origins are shown because they are what an operator needs to compare; they are escaped,
 * since the sent one is whatever the other page claimed.
 *
 * @param {{ serverOrigin: string, sentOrigin: string | undefined }} origins
 * @returns {string} a complete HTML document (no script; its one stylesheet is `/notice.css`)
 */
export function formRefusalPage({ serverOrigin, sentOrigin }) {
	const server = `<code>${escapeHtml(serverOrigin)}</code>`;
	// `Origin: null` is what a browser sends when it hides the origin (a privacy setting, a sandboxed or local page).
	const hidden = !sentOrigin || sentOrigin === 'null';
	const sentKo = hidden ? `보내지 않음${sentOrigin ? ' (<code>null</code>)' : ''}` : `<code>${escapeHtml(sentOrigin)}</code>`;
	const sentEn = hidden ? `none${sentOrigin ? ' (<code>null</code>)' : ''}` : `<code>${escapeHtml(sentOrigin)}</code>`;
	return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>양식을 받을 수 없어요 · Form not accepted — mOTP</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/notice.css">
</head>
<body>
<main>
<section aria-labelledby="ko-title">
<h1 id="ko-title">이 양식은 받을 수 없어요</h1>
<p>보안을 위해 서버는 자기 주소에서 보낸 양식만 받아요. 아무것도 바뀌지 않았어요.</p>
<dl>
<dt>서버가 아는 자기 주소</dt><dd>${server}</dd>
<dt>브라우저가 알린 주소</dt><dd>${sentKo}</dd>
</dl>
<h2>이렇게 해 보세요</h2>
<ol>
<li>콘솔을 다시 열고 로그인하세요: <a href="/institute/login">기관 콘솔 로그인</a>.</li>
<li>두 주소가 다르면(<code>http</code>와 <code>https</code>, 포트, 도메인) 서버 운영자가 설정을 고쳐야 해요. 공개 주소를 <code>ORIGIN</code>으로 지정하거나(예: <code>ORIGIN=https://motp.example.ac.kr</code>), TLS 프록시 뒤라면 <code>PROTOCOL_HEADER=x-forwarded-proto</code>를 지정하세요.</li>
<li>브라우저가 주소를 알리지 않았다면, 이 사이트에서 Origin·Referer를 지우는 확장 프로그램이나 설정을 꺼 주세요.</li>
</ol>
</section>
<section lang="en" aria-labelledby="en-title">
<h1 id="en-title">This form was not accepted</h1>
<p>For security, the server only accepts forms sent from its own address. Nothing was changed.</p>
<dl>
<dt>The server's own address</dt><dd>${server}</dd>
<dt>The address the browser reported</dt><dd>${sentEn}</dd>
</dl>
<h2>What to do</h2>
<ol>
<li>Open the console again and sign in: <a href="/institute/login">institute console login</a>.</li>
<li>If the two addresses differ (<code>http</code> against <code>https</code>, the port or the host), the server's operator must fix its settings: set the public address as <code>ORIGIN</code> (for example <code>ORIGIN=https://motp.example.ac.kr</code>), or, behind a TLS proxy, set <code>PROTOCOL_HEADER=x-forwarded-proto</code>.</li>
<li>If the browser reported no address, turn off any extension or setting that removes the Origin or Referer header for this site.</li>
</ol>
</section>
</main>
</body>
</html>
`;
}

/**
 * Gives SvelteKit's cross-site form refusal a page that says what to do (see
 * {@link formRefusalPage}). The refusal stays SvelteKit's own decision, made before any hook: this
 * only recognises that exact answer and replaces its body. A candidate (status 403, no type or `text/plain`,
 * the byte length of Kit's sentence for the request's method; Kit's `setResponse` sets headers
 * before `writeHead(status)`) is held back until its body is complete, so the body is compared
 * too. That body is 46 bytes, so holding it costs nothing. Every other answer passes untouched.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {() => string} serverOrigin - the origin SvelteKit compared against, computed only when needed
 */
export function explainFormRefusal(req, res, serverOrigin) {
	const method = req.method ?? '';
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) return;
	const expected = kitFormRefusalText(method);
	const { writeHead, write, end } = res;
	/** @type {Buffer[] | undefined} the held-back body of a candidate */
	let held;
	res.writeHead = /** @type {any} */ (function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
		const type = String(res.getHeader('content-type') ?? '');
		const length = Number(res.getHeader('content-length'));
		// Kit's `text()` sends bytes, so its answer has no content-type at all.
		if (status === 403 && rest.length === 0 && (type === '' || /^text\/plain/i.test(type)) && length === Buffer.byteLength(expected)) {
			held = [];
			return this;
		}
		return writeHead.apply(this, /** @type {any} */ ([status, ...rest]));
	});
	res.write = /** @type {any} */ (function (/** @type {any[]} */ ...args) {
		if (!held) return write.apply(this, /** @type {any} */ (args));
		if (typeof args[0] === 'string' || args[0] instanceof Uint8Array) held.push(Buffer.from(args[0]));
		const callback = args.find((a) => typeof a === 'function');
		if (callback) process.nextTick(callback);
		return true;
	});
	res.end = /** @type {any} */ (function (/** @type {any[]} */ ...args) {
		if (!held) return end.apply(this, /** @type {any} */ (args));
		if (typeof args[0] === 'string' || args[0] instanceof Uint8Array) held.push(Buffer.from(args[0]));
		const callback = args.find((a) => typeof a === 'function');
		let body = Buffer.concat(held);
		held = undefined;
		if (body.toString('utf8') === expected) {
			const origin = req.headers.origin;
			body = Buffer.from(formRefusalPage({ serverOrigin: serverOrigin(), sentOrigin: typeof origin === 'string' ? origin : undefined }));
			res.setHeader('content-type', 'text/html; charset=utf-8');
			res.setHeader('content-length', body.length);
			res.setHeader('cache-control', 'no-store');
		}
		writeHead.call(this, 403);
		return end.call(this, body, callback);
	});
}
