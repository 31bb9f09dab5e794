import type { Services } from '../institute/Services';
import type { Actor } from '../store/Store';

/** What an endpoint function gets: the request, its route params, the services and the caller's address. */
export interface ApiContext {
	request: Request;
	url: URL;
	params: Partial<Record<string, string>>;
	services: Services;
	/** The client's IP as adapter-node reports it (honours `ADDRESS_HEADER`/`XFF_DEPTH` behind a proxy). */
	clientAddress: string;
}

/** An endpoint: context in, response out. Throw `ApiError` for refusals. */
export type ApiHandler = (ctx: ApiContext) => Promise<Response>;

/** The audit actor for a request made with the institute API key. */
export function apiActor(ctx: ApiContext): Actor {
	return { kind: 'api', ip: ctx.clientAddress };
}

/** The audit actor for a request from the trainee app (no key). */
export function appActor(ctx: ApiContext): Actor {
	return { kind: 'app', ip: ctx.clientAddress };
}
