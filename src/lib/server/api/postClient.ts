import { apiActor, type ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { readJsonBody } from '../http/readJsonBody';
import { requireApiKey } from '../http/requireApiKey';
import { registerClient } from '../hosted/registerClient';
import { BodyReader } from '../validate/BodyReader';
import { iso } from './traineeJson';

/**
 * `POST /api/v1/clients` `{ name, returnTo: [prefix, …] }` → 201 `{ clientId, clientSecret, name,
 * returnTo, createdAt }`: registers an LMS for the hosted verification page (issue 16). The secret
 * is shown in this answer only; the service keeps it sealed.
 */
export const postClient: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	const raw = await readJsonBody(ctx.request);
	const body = new BodyReader(raw, ['name', 'returnTo']);
	const name = body.string('name', 200);
	const client = await registerClient(ctx.services, { name, returnTo: (raw as { returnTo?: unknown }).returnTo }, apiActor(ctx));
	return jsonReply({ ...client, createdAt: iso(client.createdAt) }, 201);
};
