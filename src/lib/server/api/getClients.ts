import type { ApiHandler } from '../http/ApiContext';
import { jsonReply } from '../http/ApiReply';
import { requireApiKey } from '../http/requireApiKey';
import { iso } from './traineeJson';

/** `GET /api/v1/clients` → `{ clients: [{ clientId, name, returnTo, createdAt }] }` (never a secret). */
export const getClients: ApiHandler = async (ctx) => {
	requireApiKey(ctx);
	const clients = await ctx.services.store.listClients();
	return jsonReply({ clients: clients.map((c) => ({ clientId: c.id, name: c.name, returnTo: c.returnPrefixes, createdAt: iso(c.createdAt) })) });
};
