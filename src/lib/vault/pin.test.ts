import { describe, expect, it } from 'vitest';
import { assertPin } from './pin';
import { VaultError } from './VaultError';

describe('assertPin', () => {
	it.each(['000000', '123456', '999999'])('accepts %j', (pin) => expect(() => assertPin(pin)).not.toThrow());

	it.each([
		['', 'empty'],
		['12345', '5 digits'],
		['1234567', '7 digits'],
		['1234', 'the seeds’ 4-digit password'],
		['12345a', 'a letter'],
		[' 123456', 'leading space'],
		['123456\n', 'trailing newline'],
		['１２３４５６', 'full-width digits'],
		['١٢٣٤٥٦', 'Arabic-Indic digits'],
		['12 456', 'inner space']
	])('refuses %j (%s) with PIN_INVALID_FORMAT', (pin) => {
		expect(() => assertPin(pin)).toThrow(expect.objectContaining({ code: 'PIN_INVALID_FORMAT' }));
		expect(() => assertPin(pin)).toThrow(VaultError);
	});

	it('refuses non-strings with TypeError', () => {
		expect(() => assertPin(123456 as unknown as string)).toThrow(TypeError);
	});
});
