import { ApiError } from '../ApiError';
import type { ApiHandler } from '../http/ApiContext';
import { apiActor } from '../http/ApiContext';
import { API_HEADERS, jsonReply, type ApiReply } from '../http/ApiReply';
import { requireApiKey } from '../http/requireApiKey';
import { issueClass } from '../institute/issueClass';
import { ReissueUnconfirmed } from '../institute/ReissueUnconfirmed';
import { ClassCsvError } from '../classes/ClassCsvError';
import { classResultCsv } from '../classes/classResultCsv';
import { classResultRows, isoKst } from '../classes/classResultRows';
import { MAX_CLASS_CSV_BYTES, readClassCsv } from '../classes/readClassCsv';

/** Content types a CSV upload may declare (Windows registers .csv as `application/vnd.ms-excel`). */
const CSV_TYPES = /^(?:text\/csv|text\/plain|application\/csv|application\/octet-stream|application\/vnd\.ms-excel)\s*(?:;|$)/i;

/**
 * `POST /api/v1/classes/enrollments[?confirm=…]`, body: the class CSV itself (`traineeId,name,phone`,
 * UTF-8 with or without BOM, UTF-16 with BOM, or CP949), at most 256 KiB and 1,000 trainees →
 * 201 with every trainee's link and code, as JSON, or as the CSV `traineeId,name,phone,enrollUrl,
 * enrollCode,expiresAt` when `Accept: text/csv` is asked for.
 *
 * All or none: 422 `CSV_INVALID` lists every problem (row numbers as a spreadsheet shows them) and
 * issues nothing; 409 `REISSUE_UNCONFIRMED` lists the trainees who would lose their enrolled device,
 * with the `confirm` value that repeats the same upload to issue anyway.
 */
export const postClassEnrollments: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	const type = ctx.request.headers.get('content-type');
	if (type !== null && !CSV_TYPES.test(type.trim())) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send the class as text/csv');
	if (Number(ctx.request.headers.get('content-length') ?? '0') > MAX_CLASS_CSV_BYTES) throw tooLarge();
	const bytes = await ctx.request.readBody(MAX_CLASS_CSV_BYTES);
	if (bytes === 'too-large') throw tooLarge();
	if (bytes === 'unreadable') throw ApiError.badRequest('body', 'the body could not be read');
	const confirm = ctx.url.searchParams.get('confirm') ?? undefined;
	if (confirm !== undefined && !/^[0-9a-f]{32}$/.test(confirm)) throw ApiError.badRequest('confirm', 'confirm must be the value a 409 REISSUE_UNCONFIRMED answer gave');

	let issued;
	try {
		const { rows } = readClassCsv(bytes);
		issued = await issueClass(ctx.services, rows, apiActor(ctx), ctx.url.origin, confirm);
	} catch (error) {
		if (error instanceof ClassCsvError) {
			const status = error.problems[0]?.code === 'too-large' ? 413 : 422;
			return jsonReply({ error: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'CSV_INVALID', message: error.message, problems: error.problems } }, status);
		}
		if (error instanceof ReissueUnconfirmed) {
			return jsonReply({ error: { code: error.code, message: error.message, traineeIds: error.deviceHolders, confirm: error.confirm } }, 409);
		}
		throw error;
	}
	const rows = classResultRows(issued);
	if (wantsCsv(ctx.request.headers.get('accept'))) {
		return {
			status: 201,
			headers: { ...API_HEADERS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="class-enrollments.csv"' },
			body: classResultCsv(rows)
		} satisfies ApiReply;
	}
	return jsonReply({ count: rows.length, expiresAt: isoKst(issued.expiresAt), replacedDevices: issued.replacedDevices, enrollments: rows }, 201);
};

/** Whether the caller prefers CSV to JSON (a plain `Accept: text/csv`, or ranked above JSON). */
function wantsCsv(accept: string | null): boolean {
	if (!accept) return false;
	const q = (type: RegExp) => {
		const part = accept.split(',').find((p) => type.test(p.trim().split(';')[0]!.trim()));
		if (!part) return -1;
		const m = /;\s*q=([0-9.]+)/.exec(part);
		return m ? Number(m[1]) : 1;
	};
	return q(/^text\/csv$/i) > Math.max(q(/^application\/json$/i), 0);
}

function tooLarge(): ApiError {
	return new ApiError('PAYLOAD_TOO_LARGE', `the class CSV must be at most ${MAX_CLASS_CSV_BYTES / 1024} KiB`);
}
