import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getServices } from '$lib/server/getServices';
import { formatKst } from '$lib/server/console/formatKst';
import { requireConsoleSession } from '$lib/server/console/requireConsoleSession';
import { traineeTimeline } from '$lib/server/institute/traineeTimeline';
import { TRAINEE_ID_PATTERN } from '$lib/server/validate/fields';
import { formatPhone } from '$lib/server/validate/phone';

const PAGE = 100;

/** A trainee's history from the audit log, oldest first (issue 16; institute/traineeTimeline.ts). */
export const load: PageServerLoad = async (event) => {
	await requireConsoleSession(event);
	const traineeId = event.params.traineeId ?? '';
	if (!TRAINEE_ID_PATTERN.test(traineeId)) error(404, '그런 훈련생이 없어요.');
	const afterRaw = event.url.searchParams.get('after');
	const after = afterRaw !== null && /^[1-9][0-9]{0,14}$/.test(afterRaw) ? Number(afterRaw) : undefined;
	const timeline = await traineeTimeline(await getServices(), traineeId, { after, limit: PAGE });
	if (!timeline) error(404, '그런 훈련생이 없어요.');
	const t = timeline.trainee;
	return {
		trainee: { id: t.id, name: t.name, phone: formatPhone(t.phoneDigits), status: t.status },
		events: timeline.events.map((e) => ({ ...e, at: formatKst(e.at) })),
		next: timeline.next,
		paged: after !== undefined
	};
};
