import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { getServices } from '$lib/server/getServices';
import { consoleActor } from '$lib/server/console/consoleActor';
import { consoleTry } from '$lib/server/console/consoleMessage';
import { formString } from '$lib/server/console/formString';
import { formatKst } from '$lib/server/console/formatKst';
import { requireConsoleSession } from '$lib/server/console/requireConsoleSession';
import { verifyCode, type VerifySubject } from '$lib/server/institute/verifyCode';
import { parseOtpCode, parsePhone, parseTraineeId } from '$lib/server/validate/fields';

/** The seeds' verification form (seed 003 §4): "OTP 번호", "회원 전화번호", "인증하기". */
export const actions: Actions = {
	default: async (event) => {
		await requireConsoleSession(event);
		const services = await getServices();
		const form = await event.request.formData();
		const values = { code: formString(form, 'code', 6), phone: formString(form, 'phone', 32), traineeId: formString(form, 'traineeId', 64) };
		const result = await consoleTry(async () => {
			const actor = consoleActor(event);
			services.limits.check('verifyByIp', actor.ip ?? 'unknown', services.now());
			const code = parseOtpCode(values.code.trim());
			const subject: VerifySubject = values.traineeId.trim()
				? { traineeId: parseTraineeId(values.traineeId.trim()) }
				: { phoneDigits: parsePhone(values.phone) };
			return verifyCode(services, subject, code, actor);
		});
		// The code is never echoed back into the form: it is spent or wrong either way.
		const kept = { phone: values.phone, traineeId: values.traineeId };
		if (!result.ok) return fail(result.error.status, { values: kept, field: result.error.field ?? null, message: result.message });
		const verdict = result.value;
		return {
			values: kept,
			verdict: verdict.result === 'accepted' ? { ...verdict, lastFailureAt: verdict.lastFailureAt === null ? null : formatKst(verdict.lastFailureAt) } : verdict
		};
	}
};
