import { describe, expect, it } from 'vitest';
import { addressKey } from './addressKey';

describe('addressKey', () => {
	const cases: [string, string][] = [
		['192.0.2.1', '192.0.2.1'],
		['::ffff:192.0.2.1', '192.0.2.1'],
		['::FFFF:192.0.2.1', '192.0.2.1'],
		['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
		['2001:db8:1:2::1', '2001:db8:1:2::/64'],
		['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
		['2001:db8::1', '2001:db8:0:0::/64'],
		['[2001:db8:1:2::9]', '2001:db8:1:2::/64'],
		['fe80::1%eth0', 'fe80:0:0:0::/64'],
		['::1', '0:0:0:0::/64'],
		['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
		['unknown', 'unknown'],
		['not an address', 'not an address']
	];
	for (const [ip, key] of cases) it(`${ip} → ${key}`, () => expect(addressKey(ip)).toBe(key));
	it('an address adapter-node could not read (a closed socket) is "unknown", not a crash', () => expect(addressKey(undefined)).toBe('unknown'));

	it('puts every address of one /64 in one bucket, and the next /64 in another', () => {
		expect(addressKey('2001:db8:aa:bb:1::')).toBe(addressKey('2001:db8:aa:bb:ffff:1:2:3'));
		expect(addressKey('2001:db8:aa:bb::1')).not.toBe(addressKey('2001:db8:aa:bc::1'));
	});
});
