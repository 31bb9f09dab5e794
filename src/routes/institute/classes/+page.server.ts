import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getServices } from '$lib/server/getServices';
import { consoleActor } from '$lib/server/console/consoleActor';
import { consoleTry } from '$lib/server/console/consoleMessage';
import { consoleLocale } from '$lib/server/console/consoleLocale';
import { formatKst } from '$lib/server/console/formatKst';
import { formString } from '$lib/server/console/formString';
import { requireConsoleSession } from '$lib/server/console/requireConsoleSession';
import { ClassCsvError, fileProblem } from '$lib/server/classes/ClassCsvError';
import { classResultCsv } from '$lib/server/classes/classResultCsv';
import { classResultRows } from '$lib/server/classes/classResultRows';
import { MAX_CLASS_ROWS } from '$lib/server/classes/parseClassCsv';
import { MAX_CLASS_CSV_BYTES, MAX_RESENT_CSV_BYTES, readClassCsv } from '$lib/server/classes/readClassCsv';
import { issueClass } from '$lib/server/institute/issueClass';
import { ReissueUnconfirmed } from '$lib/server/institute/ReissueUnconfirmed';
import { formatPhone } from '$lib/server/validate/phone';

/** Room for the multipart envelope around the largest accepted file (under adapter-node's 512 KB). */
const FORM_OVERHEAD = 16 * 1024;

export const load: PageServerLoad = async (event) => {
	await requireConsoleSession(event);
	return { maxRows: MAX_CLASS_ROWS, maxKiB: MAX_CLASS_CSV_BYTES / 1024 };
};

export const actions: Actions = {
	/**
	 * Upload (a file) or confirmed re-upload (the same text, sent back by the confirmation step):
	 * validate every row, then issue the whole class in one transaction, or nothing.
	 */
	default: async (event) => {
		await requireConsoleSession(event);
		const services = await getServices();
		const locale = consoleLocale(event);
		// Refused before the body is read: a huge upload never reaches formData().
		if (Number(event.request.headers.get('content-length') ?? '0') > MAX_RESENT_CSV_BYTES + FORM_OVERHEAD) {
			return fail(413, { problems: [{ code: 'too-large' as const, row: null, column: null, firstRow: null }], fileName: null });
		}
		const form = await event.request.formData();
		const file = form.get('file');
		const fileName = file instanceof File && file.name ? file.name.slice(0, 120) : null;
		let bytes: Uint8Array;
		let limit = MAX_CLASS_CSV_BYTES;
		if (file instanceof File && file.size > 0) {
			if (file.size > MAX_CLASS_CSV_BYTES) return fail(413, { problems: [{ code: 'too-large' as const, row: null, column: null, firstRow: null }], fileName });
			bytes = new Uint8Array(await file.arrayBuffer());
		} else {
			// The confirmation step sends back the text this page decoded (as UTF-8, so it may be longer).
			bytes = new TextEncoder().encode(formString(form, 'csv', MAX_RESENT_CSV_BYTES));
			limit = MAX_RESENT_CSV_BYTES;
		}
		const confirmRaw = formString(form, 'confirm', 64);
		const confirm = /^[0-9a-f]{32}$/.test(confirmRaw) ? confirmRaw : undefined;

		let parsed;
		try {
			parsed = readClassCsv(bytes, limit);
		} catch (error) {
			if (error instanceof ClassCsvError) return fail(422, { problems: error.problems.map((p) => ({ code: p.code, row: p.row, column: p.column, firstRow: p.firstRow ?? null })), fileName });
			throw error;
		}
		const { rows, text } = parsed;
		const result = await consoleTry(async () => {
			try {
				return { issued: await issueClass(services, rows, consoleActor(event), event.url.origin, confirm), reissue: null };
			} catch (error) {
				if (error instanceof ReissueUnconfirmed) return { issued: null, reissue: error };
				throw error;
			}
		}, locale);
		if (!result.ok) return fail(result.error.status, { message: result.message, fileName });
		const { issued, reissue } = result.value;
		if (reissue || !issued) {
			const names = new Map(rows.map((r) => [r.traineeId, r.name]));
			const holders = reissue!.deviceHolders;
			return fail(409, {
				fileName,
				reissue: {
					count: rows.length,
					holders: holders.map((id) => ({ traineeId: id, name: names.get(id) ?? '' })),
					confirm: reissue!.confirm,
					// Sent back with the confirmation, so the institute does not pick the file again.
					csv: text
				}
			});
		}
		return {
			fileName,
			issued: {
				expiresAt: formatKst(issued.expiresAt),
				replaced: issued.replacedDevices.length,
				members: issued.members.map((m) => ({
					traineeId: m.traineeId,
					name: m.name,
					phone: formatPhone(m.phoneDigits),
					enrollUrl: m.enrollUrl,
					enrollCode: m.enrollCode
				})),
				// Shown once: only hashes of the links and codes are kept.
				csv: classResultCsv(classResultRows(issued))
			}
		};
	}
};
