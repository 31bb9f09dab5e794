import { expect } from 'vitest';
import type { Flow } from '../Flow';
import { independentTotp, type TotpSpec } from '../../e2e/support/independentTotp';
import { enrollUri, expectCodeMatches, navigate, waitFor, waitForTestId } from '../support/page';

const MOTP = {
	uri: 'otpauth://totp/HRDK:trainee01?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=HRDK&period=60',
	spec: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 60 } satisfies TotpSpec
};
const HOUR = 3_600_000;
const ZONE = 'Europe/Berlin';

/**
 * Wall-clock minutes since the epoch of a ko-KR `dateStyle: 'medium', timeStyle: 'medium'` text
 * ("2026. 12. 1. 오후 7:31:22"), read as if it were UTC: only differences between two of them mean
 * anything. `null` if the engine formatted it some other way (itself a finding).
 */
export function koreanWallMinutes(text: string): number | null {
	const m = text.replace(/\s+/gu, ' ').match(/(\d{4})\. (\d{1,2})\. (\d{1,2})\. (오전|오후) (\d{1,2}):(\d{2}):(\d{2})/u);
	if (!m) return null;
	const [, y, mo, d, half, h, mi] = m;
	const hour = (Number(h) % 12) + (half === '오후' ? 12 : 0);
	return Date.UTC(Number(y), Number(mo) - 1, Number(d), hour, Number(mi)) / 60_000;
}

/** The same reading of the true time in `timeZone`, computed in Node (its own ICU), to compare with. */
function wallMinutesIn(timeZone: string, at: number): number {
	const p = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
			.formatToParts(at)
			.map((x) => [x.type, x.value])
	);
	return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) / 60_000;
}

/**
 * A trainee in Berlin who set the phone's clock to Korea time by hand (8 h ahead, zone kept):
 * the warning names that cause in Korean, the codes are still right (server time), and settings
 * shows the clocks formatted by the engine: device and Korea time agree, server time is 8 h behind.
 */
export const clockWarning: Flow = {
	id: 'clock off by hours: warning',
	title: 'device clock 8 h ahead in Europe/Berlin: the Korea-time warning, right codes, clocks in settings',
	async run({ launch, note }) {
		const browser = await launch({ timeZone: ZONE, clockShiftMs: 8 * HOUR });
		const { tab } = browser;
		note(`clock: ${browser.means.clock}`);
		await enrollUri(tab, MOTP.uri);
		// The app's own document sees the wrong clock and the zone (else the rest proves nothing).
		const seen = await tab.evaluate((trueNow: number) => ({ skewMs: Date.now() - trueNow, zone: Intl.DateTimeFormat().resolvedOptions().timeZone }), Date.now());
		expect(Math.abs(seen.skewMs - 8 * HOUR), `the page clock is off by ${seen.skewMs} ms`).toBeLessThan(60_000);
		expect(seen.zone).toBe(ZONE);
		const warning = await waitFor(
			tab,
			'the clock warning with its diagnosis',
			() => {
				const t = document.querySelector('[data-testid="clock-warning"]')?.textContent ?? '';
				return t.includes('한국 시간으로 직접 맞춘') ? t : null;
			},
			[]
		);
		expect(warning).toContain('이 기기 시계가 8시간 빨라요');
		expect(warning).toContain('시간대는 지금 있는 곳 그대로');
		expect(warning).toContain('서버 시간으로 자동 보정');
		expect(await tab.evaluate(() => document.querySelector('[data-testid="clock-warning"]')?.getAttribute('role') ?? null)).toBe('alert');

		// Codes follow the true (server) time, not the device's.
		const shown = await expectCodeMatches(tab, MOTP.spec, { clock: 'true' });
		expect(shown).not.toBe(independentTotp(MOTP.spec, Date.now() + 8 * HOUR));

		await navigate(tab, '/settings');
		await waitForTestId(tab, 'clock-facts');
		const facts = await tab.evaluate(() => [...document.querySelectorAll('[data-testid="clock-facts"] dd')].map((d) => (d.textContent ?? '').trim()));
		const [device = '', server = '', korea = '', zone = '', offset = ''] = facts;
		expect(zone).toContain(ZONE);
		expect(zone).toContain('UTC+1');
		expect(offset).toMatch(/^−(8시간|7시간 59분 5\d초)/);
		const [d, s, k] = [device, server, korea].map(koreanWallMinutes);
		expect(k, `Korea time as the engine formatted it: ${JSON.stringify(korea)}`).not.toBeNull();
		expect(d, `device time as formatted: ${JSON.stringify(device)}`).not.toBeNull();
		expect(s, `server time as formatted: ${JSON.stringify(server)}`).not.toBeNull();
		// The engine's formatting of the true time in Asia/Seoul agrees with Node's, to the minute.
		expect(Math.abs(k! - wallMinutesIn('Asia/Seoul', Date.now()))).toBeLessThanOrEqual(1);
		// Set to Korea time by hand: the device's own clock reads Korean time, the server's reads Berlin's.
		expect(Math.abs(d! - k!)).toBeLessThanOrEqual(1);
		expect(Math.abs(k! - s! - 8 * 60)).toBeLessThanOrEqual(1);
	}
};
