import { describe, expect, it } from 'vitest';
import qrcode from 'qrcode-generator';
import { qrPath } from './qrPath';

/** The dark modules a path paints (its `M x y h n v1 h-n z` runs), as "x,y" keys. */
function painted(d: string): Set<string> {
	const dark = new Set<string>();
	for (const [, x, y, n] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
		for (let i = 0; i < Number(n); i++) dark.add(`${Number(x) + i},${y}`);
	}
	return dark;
}

describe('qrPath', () => {
	it('paints exactly qrcode-generator’s dark modules, inside a 4-module quiet zone', () => {
		const text = 'https://motp.example.ac.kr/enroll#5ThEqZa6R-aFAENcEM8kBgIW2DRrcs2i';
		const { size, d } = qrPath(text);
		const qr = qrcode(0, 'M');
		qr.addData(text, 'Byte');
		qr.make();
		const n = qr.getModuleCount();
		expect(size).toBe(n + 8);
		const expected = new Set<string>();
		for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (qr.isDark(y, x)) expected.add(`${x + 4},${y + 4}`);
		expect(painted(d)).toEqual(expected);
		expect(d).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
	});

	it('is several times smaller than qrcode-generator’s own SVG for an enrollment link', () => {
		const text = `http://localhost:5173/enroll#${'A'.repeat(32)}`;
		const qr = qrcode(0, 'M');
		qr.addData(text, 'Byte');
		qr.make();
		const theirs = qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true }).length;
		expect(qrPath(text).d.length * 3).toBeLessThan(theirs);
	});
});
