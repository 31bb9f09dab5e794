// Renders the PWA's PNG icons from static/favicon.svg with the system Chromium.
// The PNGs are committed (they are small source assets); rerun after changing the SVG:
//   node scripts/render-icons.js
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const svg = readFileSync('static/favicon.svg', 'utf8');
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
const page = await browser.newPage();
/** @param {string} file @param {number} size @param {number} inset fraction of padding (maskable safe zone) @param {string} bg */
async function render(file, size, inset, bg) {
	await page.setViewportSize({ width: size, height: size });
	const inner = Math.round(size * (1 - 2 * inset));
	await page.setContent(
		`<html><body style="margin:0;background:${bg};display:grid;place-items:center;width:${size}px;height:${size}px">` +
			`<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`
	);
	await page.screenshot({ path: file, omitBackground: bg === 'transparent' });
}
await render('static/icons/icon-192.png', 192, 0, 'transparent');
await render('static/icons/icon-512.png', 512, 0, 'transparent');
// Maskable icons keep the glyph inside the 80% safe zone on a full-bleed background.
await render('static/icons/maskable-512.png', 512, 0.1, '#1e4fd8');
// iOS rounds the corners itself and shows black behind transparency: full bleed.
await render('static/icons/apple-touch-icon.png', 180, 0.06, '#1e4fd8');
await browser.close();
