import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getServices } from '$lib/server/getServices';
import { consoleActor } from '$lib/server/console/consoleActor';
import { consoleTry } from '$lib/server/console/consoleMessage';
import { consoleLocale } from '$lib/server/console/consoleLocale';
import { consoleMessages } from '$lib/i18n/console';
import { formatKst } from '$lib/server/console/formatKst';
import { formString } from '$lib/server/console/formString';
import { requireConsoleSession } from '$lib/server/console/requireConsoleSession';
import { attemptsLeft, failuresInWindow } from '$lib/server/institute/applyVerification';
import { revokeTrainee } from '$lib/server/institute/revokeTrainee';
import { unlockTrainee } from '$lib/server/institute/unlockTrainee';
import { TRAINEE_ID_PATTERN, parseTraineeId } from '$lib/server/validate/fields';
import { formatPhone } from '$lib/server/validate/phone';

const PAGE = 50;

export const load: PageServerLoad = async (event) => {
	await requireConsoleSession(event);
	const { url } = event;
	const services = await getServices();
	const afterRaw = url.searchParams.get('after');
	const after = afterRaw !== null && TRAINEE_ID_PATTERN.test(afterRaw) ? afterRaw : undefined;
	const rows = await services.store.listTrainees({ now: services.now(), limit: PAGE, after });
	return {
		trainees: rows.map((t) => {
			const inWindow = failuresInWindow(t, services.now(), services.config.lockout).length;
			return {
			id: t.id,
			name: t.name,
			phone: formatPhone(t.phoneDigits),
			status: t.status,
			attemptsLeft: t.status === 'locked' ? 0 : attemptsLeft(t.failures, inWindow, services.config.lockout),
			failures: t.failures,
			failuresInWindow: inWindow,
			lastFailureAt: t.lastFailureAt === null ? null : formatKst(t.lastFailureAt),
			lastVerifiedAt: formatKst(t.lastVerifiedAt),
			lastResult: t.lastResult,
			pendingExpiresAt: t.pendingExpiresAt === null ? null : formatKst(t.pendingExpiresAt)
			};
		}),
		next: rows.length === PAGE ? rows.at(-1)!.id : null,
		windowDays: Math.round(services.config.lockout.windowMs / 86_400_000),
		paged: after !== undefined
	};
};

async function act(event: Parameters<Actions[string]>[0], which: 'unlock' | 'revoke') {
	await requireConsoleSession(event);
	const services = await getServices();
	const locale = consoleLocale(event);
	const form = await event.request.formData();
	const traineeId = formString(form, 'traineeId', 64);
	// Revoking cannot be undone: it needs the confirmation step's field (the page asks first).
	if (which === 'revoke' && formString(form, 'confirm', 8) !== 'yes') return fail(400, { message: consoleMessages(locale).revokeUnconfirmed, traineeId });
	const result = await consoleTry(async () => {
		const id = parseTraineeId(traineeId);
		return which === 'unlock' ? unlockTrainee(services, id, consoleActor(event)) : revokeTrainee(services, id, consoleActor(event));
	}, locale);
	if (!result.ok) return fail(result.error.status, { message: result.message, traineeId });
	return { done: which, traineeId: result.value.id };
}

export const actions: Actions = {
	unlock: (event) => act(event, 'unlock'),
	revoke: (event) => act(event, 'revoke')
};
