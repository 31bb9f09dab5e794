import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Flow } from '../Flow';
import { INSTITUTE_NAME } from '../support/appServer';
import { expectCodeMatches, typePin, waitForCodes, waitForText, PIN } from '../support/page';

/** The secret of an otpauth URI, as an independent implementation needs it. */
export function specOf(otpauth: string): { secret: string; algorithm: 'SHA1' | 'SHA256' | 'SHA512'; digits: number; period: number } {
	const q = new URL(otpauth).searchParams;
	return {
		secret: q.get('secret') ?? '',
		algorithm: (q.get('algorithm') ?? 'SHA1') as 'SHA1' | 'SHA256' | 'SHA512',
		digits: Number(q.get('digits') ?? 6),
		period: Number(q.get('period') ?? 30)
	};
}

/**
 * Issue → open the link → PIN twice → code. The code equals oathtool's for the secret the browser
 * received (recorded by the gate from the redeem answer), and the institute accepts it once.
 */
export const enrollInstituteLink: Flow = {
	id: 'enroll: institute link',
	title: 'enroll by an institute link; the code equals oathtool and the institute accepts it once',
	async run({ launch, gate, institute }) {
		const traineeId = `engines-${randomBytes(4).toString('hex')}`;
		const issued = await institute.issueEnrollment(traineeId);
		expect(issued.enrollUrl.startsWith(`${gate.origin}/enroll#`)).toBe(true);
		const { tab } = await launch();
		const before = gate.redeemed.length;
		await tab.goto(issued.enrollUrl);
		// The trainee sees the institute's name and their own before choosing a PIN.
		await waitForText(tab, INSTITUTE_NAME);
		await waitForText(tab, '홍길동');
		await typePin(tab, PIN);
		await typePin(tab, PIN);
		await waitForCodes(tab);
		expect(gate.redeemed.length, 'the browser redeemed the link exactly once').toBe(before + 1);
		const spec = specOf(gate.redeemed[before]!.otpauth);
		expect(spec.secret).toMatch(/^[A-Z2-7]{32}$/);
		const shown = await expectCodeMatches(tab, spec, { issuer: INSTITUTE_NAME });
		expect(await institute.verify(traineeId, shown)).toMatchObject({ result: 'accepted', traineeId, failuresSinceLastSuccess: 0 });
		expect(await institute.verify(traineeId, shown)).toMatchObject({ result: 'rejected', reason: 'replayed' });
		expect(await tab.url()).not.toContain('#');
	}
};
