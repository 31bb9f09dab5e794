import qrcode from 'qrcode-generator';

/** Quiet zone, in modules (ISO/IEC 18004 asks for 4). */
const MARGIN = 4;

/**
 * A QR code for `text` as one SVG path: each run of dark modules in a row is one rectangle, so a
 * link's code is about 2 KB instead of qrcode-generator's 15 KB of `<rect>`s. Error correction M,
 * smallest version that fits (as `qrSvgDataUrl`). Pure: runs on the server and in the browser.
 */
export function qrPath(text: string): { size: number; d: string } {
	const qr = qrcode(0, 'M');
	qr.addData(text, 'Byte');
	qr.make();
	const n = qr.getModuleCount();
	let d = '';
	for (let y = 0; y < n; y++) {
		for (let x = 0; x < n; ) {
			if (!qr.isDark(y, x)) {
				x++;
				continue;
			}
			let run = 1;
			while (x + run < n && qr.isDark(y, x + run)) run++;
			d += `M${x + MARGIN} ${y + MARGIN}h${run}v1h-${run}z`;
			x += run;
		}
	}
	return { size: n + 2 * MARGIN, d };
}
