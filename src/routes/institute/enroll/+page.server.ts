import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { getServices } from '$lib/server/getServices';
import { consoleActor } from '$lib/server/console/consoleActor';
import { consoleTry } from '$lib/server/console/consoleMessage';
import { consoleLocale } from '$lib/server/console/consoleLocale';
import { fieldErrors } from '$lib/server/console/fieldErrors';
import { formatKst } from '$lib/server/console/formatKst';
import { formString } from '$lib/server/console/formString';
import { requireConsoleSession } from '$lib/server/console/requireConsoleSession';
import { qrSvgDataUrl } from '$lib/server/console/qrSvgDataUrl';
import { issueEnrollment } from '$lib/server/institute/issueEnrollment';
import { parseName, parsePhone, parseTraineeId } from '$lib/server/validate/fields';
import { formatPhone } from '$lib/server/validate/phone';

export const actions: Actions = {
	default: async (event) => {
		await requireConsoleSession(event);
		const services = await getServices();
		const locale = consoleLocale(event);
		const form = await event.request.formData();
		const values = { traineeId: formString(form, 'traineeId', 64), name: formString(form, 'name', 50), phone: formString(form, 'phone', 32) };
		// Every field is checked, so every error shows at once.
		const checked = fieldErrors(
			{ traineeId: () => parseTraineeId(values.traineeId), name: () => parseName(values.name), phone: () => parsePhone(values.phone) },
			locale
		);
		if (!checked.ok) return fail(400, { values, errors: checked.errors, field: checked.first, message: checked.message });
		const input = { traineeId: checked.values.traineeId, name: checked.values.name, phoneDigits: checked.values.phone };
		const result = await consoleTry(() => issueEnrollment(services, input, consoleActor(event), event.url.origin), locale);
		if (!result.ok) return fail(result.error.status, { values, errors: {}, field: result.error.field ?? null, message: result.message });
		const issued = result.value;
		// Shown once: only hashes of the link token and the code are kept.
		return {
			issued: {
				traineeId: issued.traineeId,
				name: input.name,
				phone: formatPhone(input.phoneDigits),
				enrollUrl: issued.enrollUrl,
				enrollCode: issued.enrollCode,
				expiresAt: formatKst(issued.expiresAt),
				qr: qrSvgDataUrl(issued.enrollUrl)
			}
		};
	}
};
