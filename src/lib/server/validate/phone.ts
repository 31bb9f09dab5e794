/**
 * Korean phone numbers are compared as digits only and shown as 010-1234-5678
 * (docs/PRODUCT: "Format them as 010-1234-5678 and compare them as digits only").
 */

/**
 * Digits of a phone number as typed (`010-1234-5678`, `010 1234 5678`, `01012345678`).
 * @returns 10–11 ASCII digits, or `null` when the input is anything else
 */
export function phoneDigits(input: string): string | null {
	if (input.length > 32) return null;
	const digits = input.replace(/[\s-]/g, '');
	return /^[0-9]{10,11}$/.test(digits) ? digits : null;
}

/** Display form: 010-1234-5678, 02-1234-5678, 031-123-4567. */
export function formatPhone(digits: string): string {
	if (digits.startsWith('02')) {
		const rest = digits.slice(2);
		const mid = rest.length - 4;
		return `02-${rest.slice(0, mid)}-${rest.slice(mid)}`;
	}
	const mid = digits.length - 4;
	return `${digits.slice(0, 3)}-${digits.slice(3, mid)}-${digits.slice(mid)}`;
}
