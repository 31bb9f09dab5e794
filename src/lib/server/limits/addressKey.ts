import { isIPv4, isIPv6 } from 'node:net';

/**
 * The rate-limit key for a client address (issue 12). An IPv4 address is its own key. An IPv6
 * address is keyed by its /64 prefix: one subscriber line or host is routinely handed a whole /64
 * (RFC 6177 recommends at least that per site), so counting single IPv6 addresses would give one
 * guesser 2^64 fresh buckets. IPv4-mapped IPv6 (`::ffff:192.0.2.1`, how Node reports IPv4 clients
 * on a dual-stack socket) is the IPv4 address. Anything else (`unknown`, a proxy's odd header) is
 * keyed as given.
 */
export function addressKey(ip: string | undefined): string {
	if (typeof ip !== 'string') return 'unknown';
	const address = ip.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
	if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
	if (isIPv4(address)) return address;
	if (!isIPv6(address)) return ip;
	return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, lower-case, without leading zeros. */
function expandIPv6(address: string): string[] {
	let text = address.toLowerCase();
	// A trailing dotted quad (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) is two groups.
	const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (quad) {
		const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
		text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
	return groups.map((g) => parseInt(g || '0', 16).toString(16));
}
