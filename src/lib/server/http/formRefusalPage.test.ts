import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { text } from '@sveltejs/kit';
import { setResponse } from '@sveltejs/kit/node';
import { explainFormRefusal, formRefusalPage, kitFormRefusalText } from './formRefusalPage.js';

describe('kitFormRefusalText', () => {
	it("is the sentence SvelteKit's CSRF check answers with (an upgrade that changes it fails here)", () => {
		const kit = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
		const source = readFileSync(join(kit, 'src/runtime/server/respond.js'), 'utf8');
		expect(source).toContain('const message = `Cross-site ${request.method} form submissions are forbidden`;');
		expect(source).toMatch(/return text\(message, opts\);/);
		expect(kitFormRefusalText('POST')).toBe('Cross-site POST form submissions are forbidden');
	});
});

describe('formRefusalPage', () => {
	it('says what happened and what to do, in Korean and English, with both origins', () => {
		const html = formRefusalPage({ serverOrigin: 'https://motp.example', sentOrigin: 'http://motp.example' });
		expect(html).toMatch(/^<!doctype html>\n<html lang="ko">/);
		expect(html).toContain('<section lang="en"');
		expect(html).toContain('이 양식은 받을 수 없어요');
		expect(html).toContain('This form was not accepted');
		expect(html).toContain('<code>https://motp.example</code>');
		expect(html).toContain('<code>http://motp.example</code>');
		expect(html).toContain('ORIGIN=https://');
		expect(html).toContain('PROTOCOL_HEADER=x-forwarded-proto');
		expect(html).toContain('href="/institute/login"');
		expect(html).not.toMatch(/<script|style=/i);
	});

	it('escapes the origin the other page claimed', () => {
		const html = formRefusalPage({ serverOrigin: 'http://a', sentOrigin: '"><img src=x onerror=alert(1)>' });
		expect(html).not.toContain('<img');
		expect(html).toContain('&#34;&#62;&#60;img src=x onerror=alert(1)&#62;');
	});

	it('says so when the browser reported no origin, or the opaque "null"', () => {
		expect(formRefusalPage({ serverOrigin: 'http://a', sentOrigin: undefined })).toContain('<dd>보내지 않음</dd>');
		expect(formRefusalPage({ serverOrigin: 'http://a', sentOrigin: 'null' })).toContain('<dd>보내지 않음 (<code>null</code>)</dd>');
		expect(formRefusalPage({ serverOrigin: 'http://a', sentOrigin: 'null' })).toContain('<dd>none (<code>null</code>)</dd>');
	});
});

describe('explainFormRefusal', () => {
	let server: http.Server;
	let base: string;
	/** What the app answers, by path: Kit's own CSRF refusal, another 403, and an ordinary page. */
	// Same status, type and length as Kit's refusal, other words: must not be replaced.
	const OTHER = 'Forbidden for another reason'.padEnd(46, '!');
	const answers: Record<string, () => Response> = {
		// Built as Kit's respond.js builds it (its `text()` helper, which sends bytes without a content-type).
		'/kit-refusal': () => text(kitFormRefusalText('POST'), { status: 403 }),
		'/other-403': () => new Response(OTHER, { status: 403, headers: { 'content-type': 'text/plain', 'content-length': '46' } }),
		'/ok': () => new Response('fine', { status: 200, headers: { 'content-type': 'text/plain', 'content-length': '4' } })
	};

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			explainFormRefusal(req, res, () => 'http://server.example');
			void setResponse(res, answers[req.url ?? '']!());
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((r) => server.close(() => r())));

	const post = (path: string, origin = 'https://evil.example') =>
		fetch(`${base}${path}`, { method: 'POST', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: 'key=x' });

	it("replaces Kit's bare refusal with the page, keeping the 403", async () => {
		const res = await post('/kit-refusal');
		expect(res.status).toBe(403);
		expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(res.headers.get('cache-control')).toBe('no-store');
		const body = await res.text();
		expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));
		expect(body).toContain('<code>http://server.example</code>');
		expect(body).toContain('<code>https://evil.example</code>');
	});

	it('leaves every other answer alone: another 403, a 200, and the same answer to a GET', async () => {
		const other = await post('/other-403');
		expect(other.status).toBe(403);
		expect(await other.text()).toBe(OTHER);
		expect(await (await post('/ok')).text()).toBe('fine');
		expect(await (await fetch(`${base}/kit-refusal`)).text()).toBe(kitFormRefusalText('POST'));
	});
});
