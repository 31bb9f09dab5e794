import type { TotpSpec } from './independentTotp';

/** A standard key URI with what the app must show for it and the spec an independent implementation needs. */
export interface KeyUriCase {
	name: string;
	uri: string;
	issuer: string;
	account: string;
	spec: Required<TotpSpec>;
}

/**
 * Four key URIs from issue 2, each with an independent expected code: shared by the Chromium
 * suite (authenticator.spec.ts) and the WebKit/Firefox suite (tests/engines).
 */
export const KEY_URIS = [
	{
		name: 'SHA1/6/60 with a Korean account name',
		uri: 'otpauth://totp/HRDK:%ED%99%8D%EA%B8%B8%EB%8F%99?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HRDK&period=60',
		issuer: 'HRDK',
		account: '홍길동',
		spec: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 60 }
	},
	{
		name: 'SHA256/8/30',
		uri: 'otpauth://totp/Acme:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&issuer=Acme&algorithm=SHA256&digits=8&period=30',
		issuer: 'Acme',
		account: 'alice@example.com',
		spec: { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', algorithm: 'SHA256', digits: 8, period: 30 }
	},
	{
		name: 'SHA512/6/60',
		uri: 'otpauth://totp/%ED%95%9C%EA%B5%AD%ED%9B%88%EB%A0%A8%EC%9B%90:trainee01?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BAMJ2W24DTEBXXMZLSEB2GQZJANRQXU6JAMRXWO&algorithm=SHA512&period=60',
		issuer: '한국훈련원',
		account: 'trainee01',
		spec: { secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BAMJ2W24DTEBXXMZLSEB2GQZJANRQXU6JAMRXWO', algorithm: 'SHA512', digits: 6, period: 60 }
	},
	{
		name: 'defaults with a lower-case secret containing spaces',
		uri: 'otpauth://totp/Plain:bob?secret=mzxw%206yto%20mfrg%20gzdf&issuer=Plain',
		issuer: 'Plain',
		account: 'bob',
		spec: { secret: 'MZXW6YTOMFRGGZDF', algorithm: 'SHA1', digits: 6, period: 30 }
	}
] as const satisfies readonly KeyUriCase[];
