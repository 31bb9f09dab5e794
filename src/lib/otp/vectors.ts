/**
 * Published test vectors, kept as data and copied from the RFCs, never computed by our code.
 * Used only by the `*.test.ts` files beside this one.
 */
import type { OtpAlgorithm } from './OtpAlgorithm';

/** RFC 4226 Appendix D: the secret is the ASCII string "12345678901234567890". */
export const RFC4226_SECRET = '12345678901234567890';

/** RFC 4226 Appendix D: per counter, the HMAC-SHA-1 value, the truncated 31-bit value and the 6-digit HOTP. */
export const RFC4226_VECTORS: readonly { counter: number; hmac: string; truncated: number; hotp: string }[] = [
	{ counter: 0, hmac: 'cc93cf18508d94934c64b65d8ba7667fb7cde4b0', truncated: 1284755224, hotp: '755224' },
	{ counter: 1, hmac: '75a48a19d4cbe100644e8ac1397eea747a2d33ab', truncated: 1094287082, hotp: '287082' },
	{ counter: 2, hmac: '0bacb7fa082fef30782211938bc1c5e70416ff44', truncated: 137359152, hotp: '359152' },
	{ counter: 3, hmac: '66c28227d03a2d5529262ff016a1e6ef76557ece', truncated: 1726969429, hotp: '969429' },
	{ counter: 4, hmac: 'a904c900a64b35909874b33e61c5938a8e15ed1c', truncated: 1640338314, hotp: '338314' },
	{ counter: 5, hmac: 'a37e783d7b7233c083d4f62926c7a25f238d0316', truncated: 868254676, hotp: '254676' },
	{ counter: 6, hmac: 'bc9cd28561042c83f219324d3c607256c03272ae', truncated: 1918287922, hotp: '287922' },
	{ counter: 7, hmac: 'a4fb960c0bc06e1eabb804e5b397cdc4b45596fa', truncated: 82162583, hotp: '162583' },
	{ counter: 8, hmac: '1b3c89f65e6c9e883012052823443f048b4332db', truncated: 673399871, hotp: '399871' },
	{ counter: 9, hmac: '1637409809a679dc698207310c8c7fc07290d9e5', truncated: 645520489, hotp: '520489' }
];

/** RFC 4226 §5.4: the worked example of dynamic truncation (offset 0xa, DBC 0x50ef7f19, 6 digits). */
export const RFC4226_TRUNCATION_EXAMPLE = {
	hmac: '1f8698690e02ca16618550ef7f19da8e945b555a',
	offset: 10,
	dbc: 0x50ef7f19,
	snum: 1357872921,
	hotp: '872921'
} as const;

/** RFC 6238 Appendix B seeds: ASCII "1234567890" repeated to 20, 32 and 64 bytes. */
export const RFC6238_SEEDS: Readonly<Record<OtpAlgorithm, string>> = {
	SHA1: '12345678901234567890',
	SHA256: '12345678901234567890123456789012',
	SHA512: '1234567890123456789012345678901234567890123456789012345678901234'
};

/** RFC 6238 Appendix B: T0 = 0, X = 30, 8 digits. `time` is in seconds, `step` is T in hex. */
export const RFC6238_VECTORS: readonly { time: number; step: string; algorithm: OtpAlgorithm; totp: string }[] = [
	{ time: 59, step: '0000000000000001', algorithm: 'SHA1', totp: '94287082' },
	{ time: 59, step: '0000000000000001', algorithm: 'SHA256', totp: '46119246' },
	{ time: 59, step: '0000000000000001', algorithm: 'SHA512', totp: '90693936' },
	{ time: 1111111109, step: '00000000023523EC', algorithm: 'SHA1', totp: '07081804' },
	{ time: 1111111109, step: '00000000023523EC', algorithm: 'SHA256', totp: '68084774' },
	{ time: 1111111109, step: '00000000023523EC', algorithm: 'SHA512', totp: '25091201' },
	{ time: 1111111111, step: '00000000023523ED', algorithm: 'SHA1', totp: '14050471' },
	{ time: 1111111111, step: '00000000023523ED', algorithm: 'SHA256', totp: '67062674' },
	{ time: 1111111111, step: '00000000023523ED', algorithm: 'SHA512', totp: '99943326' },
	{ time: 1234567890, step: '000000000273EF07', algorithm: 'SHA1', totp: '89005924' },
	{ time: 1234567890, step: '000000000273EF07', algorithm: 'SHA256', totp: '91819424' },
	{ time: 1234567890, step: '000000000273EF07', algorithm: 'SHA512', totp: '93441116' },
	{ time: 2000000000, step: '0000000003F940AA', algorithm: 'SHA1', totp: '69279037' },
	{ time: 2000000000, step: '0000000003F940AA', algorithm: 'SHA256', totp: '90698825' },
	{ time: 2000000000, step: '0000000003F940AA', algorithm: 'SHA512', totp: '38618901' },
	{ time: 20000000000, step: '0000000027BC86AA', algorithm: 'SHA1', totp: '65353130' },
	{ time: 20000000000, step: '0000000027BC86AA', algorithm: 'SHA256', totp: '77737706' },
	{ time: 20000000000, step: '0000000027BC86AA', algorithm: 'SHA512', totp: '47863826' }
];

/** RFC 4648 §10 base32 test vectors (padded, as published). */
export const RFC4648_BASE32_VECTORS: readonly { ascii: string; base32: string }[] = [
	{ ascii: 'f', base32: 'MY======' },
	{ ascii: 'fo', base32: 'MZXQ====' },
	{ ascii: 'foo', base32: 'MZXW6===' },
	{ ascii: 'foob', base32: 'MZXW6YQ=' },
	{ ascii: 'fooba', base32: 'MZXW6YTB' },
	{ ascii: 'foobar', base32: 'MZXW6YTBOI======' }
];

/** Bytes from a hex string (test helper; the vectors above are published in hex). */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
	const pairs = hex.match(/../g) ?? [];
	return Uint8Array.from(pairs, (p) => parseInt(p, 16));
}

/** Bytes of an ASCII string (test helper). */
export function ascii(text: string): Uint8Array<ArrayBuffer> {
	return new Uint8Array(new TextEncoder().encode(text));
}
