import { describe, expect, it } from 'vitest';
import { matchReturnTo, parseReturnPrefix, type ReturnPrefix } from './returnTo';

const prefixes: ReturnPrefix[] = [parseReturnPrefix('https://lms.example.com/course/')!, parseReturnPrefix('http://127.0.0.1:6195/cb')!];

describe('return_to matching (issue 16: origin + path segment boundary, never a raw prefix)', () => {
	it.each([
		'https://lms.example.com/course',
		'https://lms.example.com/course/',
		'https://lms.example.com/course/42/done?x=1&y=%20',
		'https://LMS.example.com/course/1',
		'https://lms.example.com:443/course/1',
		'http://127.0.0.1:6195/cb?session=1'
	])('accepts %s', (raw) => {
		expect(matchReturnTo(raw, prefixes)).not.toBeNull();
	});

	it.each([
		['a longer host', 'https://lms.example.com.evil.com/course/'],
		['userinfo that looks like the host', 'https://lms.example.com@evil.com/course/'],
		['userinfo with a password', 'https://lms.example.com:pw@evil.com/course/'],
		['userinfo without a path', 'https://lms.example.com@evil'],
		['protocol-relative', '//evil.com/course/'],
		['protocol-relative to the right host', '//lms.example.com/course/'],
		['a relative path', '/course/1'],
		['backslashes', 'https://lms.example.com\\@evil.com/course/'],
		['a backslash host switch', 'https:\\\\evil.com/course/'],
		['a backslash in the path', 'https://lms.example.com/course\\..\\admin'],
		['percent-encoded dots', 'https://lms.example.com/course/%2e%2e/admin'],
		['percent-encoded dot segment, upper case', 'https://lms.example.com/course/%2E%2E/admin'],
		['a percent-encoded slash', 'https://lms.example.com/course%2f..%2fadmin'],
		['a percent-encoded backslash', 'https://lms.example.com/course/%5c..%5cadmin'],
		['dot segments', 'https://lms.example.com/course/../admin'],
		['a single dot segment', 'https://lms.example.com/./course/1'],
		['a sibling path sharing the prefix', 'https://lms.example.com/course-evil/1'],
		['a sibling path, no slash', 'https://lms.example.com/courses'],
		['another scheme', 'javascript:alert(1)//https://lms.example.com/course/'],
		['javascript with the URL in it', 'javascript://lms.example.com/course/%0aalert(1)'],
		['data:', 'data:text/html,<script>alert(1)</script>'],
		['plain http to a real host', 'http://lms.example.com/course/1'],
		['another port', 'https://lms.example.com:8443/course/1'],
		['loopback on another port', 'http://127.0.0.1:6196/cb'],
		['https on the loopback prefix', 'https://127.0.0.1:6195/cb'],
		['a fragment', 'https://lms.example.com/course/1#x'],
		['a space', 'https://lms.example.com/course/ 1'],
		['a leading space', ' https://lms.example.com/course/1'],
		['a tab inside the scheme', 'ht\ttps://lms.example.com/course/1'],
		['a newline', 'https://lms.example.com/course/1\n'],
		['non-ASCII host (IDN lookalike)', 'https://lms.exаmple.com/course/1'],
		['a percent-encoded host', 'https://lms%2eexample.com/course/1'],
		['an empty host', 'https:///course/1'],
		['three slashes to the host', 'https:///lms.example.com/course/1'],
		['a NUL', 'https://lms.example.com/course/%00'],
		['a path parameter dot segment (Tomcat, Spring: /admin)', 'https://lms.example.com/course/..;/admin'],
		['a path parameter anywhere', 'https://lms.example.com/course/1;jsessionid=x'],
		['an empty segment', 'https://lms.example.com/course//evil.com'],
		['double-encoded dots (an LMS that decodes twice)', 'https://lms.example.com/course/%252e%252e/admin'],
		['empty', ''],
		['far too long', `https://lms.example.com/course/${'a'.repeat(3000)}`]
	])('refuses %s', (_what, raw) => {
		expect(matchReturnTo(raw, prefixes)).toBeNull();
	});

	it('a root prefix allows every path of that origin only', () => {
		const root = [parseReturnPrefix('https://lms.example.com')!];
		expect(matchReturnTo('https://lms.example.com/anything/at/all', root)).not.toBeNull();
		expect(matchReturnTo('https://lms.example.com.evil.com/', root)).toBeNull();
	});

	it('refuses prefixes that are not clean https URLs', () => {
		for (const bad of ['lms.example.com', 'https://u@lms.example.com/', 'https://lms.example.com/?a=1', 'http://lms.example.com/', 'https://lms.example.com/a/../b', 'ftp://x/']) {
			expect(parseReturnPrefix(bad), bad).toBeNull();
		}
		expect(parseReturnPrefix('https://LMS.Example.com/Course/')).toEqual({ origin: 'https://lms.example.com', path: '/Course' });
	});
});
