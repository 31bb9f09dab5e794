import type { RequestHandler } from './$types';
import { handleApi } from '$lib/server/http/handleApi';
import { deleteTrainee } from '$lib/server/api/deleteTrainee';
import { getTrainee } from '$lib/server/api/getTrainee';
import { methodNotAllowed } from '$lib/server/api/methodNotAllowed';

export const prerender = false;

export const GET: RequestHandler = (event) => handleApi(event, getTrainee);
export const DELETE: RequestHandler = (event) => handleApi(event, deleteTrainee);
export const fallback: RequestHandler = () => methodNotAllowed('GET, DELETE');
