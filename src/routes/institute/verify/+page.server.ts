import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { getServices } from '$lib/server/getServices';
import { consoleActor } from '$lib/server/console/consoleActor';
import { consoleTry } from '$lib/server/console/consoleMessage';
import { consoleLocale } from '$lib/server/console/consoleLocale';
import { fieldErrors } from '$lib/server/console/fieldErrors';
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
		const locale = consoleLocale(event);
		const form = await event.request.formData();
		const values = { code: formString(form, 'code', 6), phone: formString(form, 'phone', 32), traineeId: formString(form, 'traineeId', 64) };
		// The code is never echoed back into the form: it is spent or wrong either way.
		const kept = { phone: values.phone, traineeId: values.traineeId };
		const byId = values.traineeId.trim() !== '';
		// Both the code and the trainee are checked before anything is verified: every error at once.
		const checked = fieldErrors(
			byId
				? { code: () => parseOtpCode(values.code.trim()), traineeId: () => parseTraineeId(values.traineeId.trim()) }
				: { code: () => parseOtpCode(values.code.trim()), phone: () => parsePhone(values.phone) },
			locale
		);
		if (!checked.ok) return fail(400, { values: kept, errors: checked.errors as Record<string, string>, field: checked.first, message: checked.message });
		const v = checked.values as Record<string, string>;
		const result = await consoleTry(async () => {
			const actor = consoleActor(event);
			services.limits.check('verifyByIp', actor.ip ?? 'unknown', services.now());
			const subject: VerifySubject = byId ? { traineeId: v.traineeId! } : { phoneDigits: v.phone! };
			return verifyCode(services, subject, v.code!, actor);
		}, locale);
		if (!result.ok) return fail(result.error.status, { values: kept, errors: {}, field: result.error.field ?? null, message: result.message, code: result.error.code });
		const verdict = result.value;
		return {
			values: kept,
			verdict: verdict.result === 'accepted' ? { ...verdict, lastFailureAt: verdict.lastFailureAt === null ? null : formatKst(verdict.lastFailureAt) } : verdict
		};
	}
};
