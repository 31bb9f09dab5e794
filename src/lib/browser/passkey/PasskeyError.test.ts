import { describe, expect, it } from 'vitest';
import { PasskeyError, toPasskeyError } from './PasskeyError';

describe('toPasskeyError', () => {
	const cases = [
		['NotAllowedError', 'CANCELLED'],
		['InvalidStateError', 'ALREADY_REGISTERED'],
		['SecurityError', 'INSECURE_CONTEXT'],
		['NotSupportedError', 'NOT_SUPPORTED'],
		['AbortError', 'ABORTED'],
		['ConstraintError', 'UNKNOWN'],
		['UnknownError', 'UNKNOWN']
	] as const;
	it.each(cases)('maps a DOMException %s to %s and keeps it as the cause', (name, code) => {
		const dom = new DOMException('browser text', name);
		const e = toPasskeyError(dom);
		expect(e).toBeInstanceOf(PasskeyError);
		expect(e.code).toBe(code);
		expect(e.cause).toBe(dom);
	});

	it('passes a PasskeyError through unchanged', () => {
		const e = new PasskeyError('NO_PRF_RESULT', 'x');
		expect(toPasskeyError(e)).toBe(e);
	});

	it.each([new TypeError('bad options'), 'a string', null, undefined, { name: 'NotAllowedError' }])('maps anything else (%s) to UNKNOWN', (thrown) => {
		const e = toPasskeyError(thrown);
		expect(e.code).toBe('UNKNOWN');
		expect(e.cause).toBe(thrown);
	});
});
