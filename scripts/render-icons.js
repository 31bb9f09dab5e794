// Renders the PWA's PNG icons from static/favicon.svg with the system Chromium.
// The PNGs are committed (they are small source assets); rerun after changing the SVG:
//   node scripts/render-icons.js
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';

const svg = readFileSync('static/favicon.svg', 'utf8');
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
const page = await browser.newPage();
/** @param {string | undefined} file @param {number} size @param {number} inset fraction of padding (maskable safe zone) @param {string} bg @returns {Promise<Buffer>} the PNG */
async function render(file, size, inset, bg) {
	await page.setViewportSize({ width: size, height: size });
	const inner = Math.round(size * (1 - 2 * inset));
	await page.setContent(
		`<html><body style="margin:0;background:${bg};display:grid;place-items:center;width:${size}px;height:${size}px">` +
			`<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`
	);
	return page.screenshot({ path: file, omitBackground: bg === 'transparent' });
}

/**
 * An ICO file holding PNG images (ICONDIR + one ICONDIRENTRY each, then the PNGs), the form every
 * browser since 2007 reads. `/favicon.ico` is what browsers, bookmark tools and crawlers ask for
 * when a page names no icon (JSON answers, the 403 page), and a 404 there is a red line in the log.
 * @param {Buffer[]} pngs @param {number[]} sizes
 */
function ico(pngs, sizes) {
	const header = Buffer.alloc(6 + 16 * pngs.length);
	header.writeUInt16LE(0, 0); // reserved
	header.writeUInt16LE(1, 2); // type: icon
	header.writeUInt16LE(pngs.length, 4);
	let offset = header.length;
	pngs.forEach((png, i) => {
		const e = 6 + 16 * i;
		header.writeUInt8(sizes[i] % 256, e); // width (0 means 256)
		header.writeUInt8(sizes[i] % 256, e + 1); // height
		header.writeUInt16LE(1, e + 4); // colour planes
		header.writeUInt16LE(32, e + 6); // bits per pixel
		header.writeUInt32LE(png.length, e + 8);
		header.writeUInt32LE(offset, e + 12);
		offset += png.length;
	});
	return Buffer.concat([header, ...pngs]);
}
await render('static/icons/icon-192.png', 192, 0, 'transparent');
await render('static/icons/icon-512.png', 512, 0, 'transparent');
// Maskable icons keep the glyph inside the 80% safe zone on a full-bleed background.
await render('static/icons/maskable-512.png', 512, 0.1, '#1e4fd8');
// iOS rounds the corners itself and shows black behind transparency: full bleed.
await render('static/icons/apple-touch-icon.png', 180, 0.06, '#1e4fd8');
const icoSizes = [16, 32, 48];
const icoPngs = [];
for (const size of icoSizes) icoPngs.push(await render(undefined, size, 0, 'transparent'));
writeFileSync('static/favicon.ico', ico(icoPngs, icoSizes));
await browser.close();
