import type { Services } from '../institute/Services';
import type { Actor } from '../store/Store';
import type { ApiReply } from './ApiReply';
import type { ApiRequest } from './ApiRequest';

/** What an endpoint function gets: the request, its route params, the services and the caller's address. */
export interface ApiContext {
	request: ApiRequest;
	/** The request URL; on the fast path parsed on first use (only a few endpoints read it). */
	readonly url: URL;
	params: Partial<Record<string, string>>;
	services: Services;
	/** The client's IP as adapter-node reports it (honours `ADDRESS_HEADER`/`XFF_DEPTH` behind a proxy). */
	clientAddress: string;
}

/** An endpoint: context in, answer out. Throw `ApiError` for refusals. */
export type ApiHandler = (ctx: ApiContext) => Promise<ApiReply>;

/** The audit actor for a request made with the institute API key. */
export function apiActor(ctx: ApiContext): Actor {
	return { kind: 'api', ip: ctx.clientAddress };
}

/** The audit actor for a request from the trainee app (no key). */
export function appActor(ctx: ApiContext): Actor {
	return { kind: 'app', ip: ctx.clientAddress };
}
