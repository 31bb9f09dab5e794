import type { BrowserContext } from '@playwright/test';

/** One `securitypolicyviolation` event, as the page saw it. */
export interface Violation {
	page: string;
	directive: string;
	blocked: string;
	sample: string;
}

/** What {@link watchSecurity} collects for the whole context, across navigations and reloads. */
export interface SecurityWatch {
	violations: Violation[];
	/** Every request the context made (pages and service worker), as URLs. */
	requests: string[];
	/** Console errors that mention a policy (CSP, Permissions-Policy), which have no event. */
	policyErrors: string[];
	/** Requests whose origin is not ours (data: and blob: URLs never leave the browser and are not counted). */
	foreign(origin: string): string[];
}

/**
 * Records every CSP violation (via a `securitypolicyviolation` listener installed before any
 * page script runs), every request and every policy-related console error in `context`.
 * Installed through Playwright's CDP channel, so it is not itself subject to the CSP.
 */
export async function watchSecurity(context: BrowserContext): Promise<SecurityWatch> {
	const watch: SecurityWatch = {
		violations: [],
		requests: [],
		policyErrors: [],
		foreign(origin) {
			return this.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
		}
	};
	await context.exposeBinding('__reportCspViolation', (_source, v: Violation) => void watch.violations.push(v));
	await context.addInitScript(() => {
		addEventListener('securitypolicyviolation', (e) => {
			(window as unknown as { __reportCspViolation: (v: unknown) => void }).__reportCspViolation({
				page: location.pathname,
				directive: e.violatedDirective,
				blocked: e.blockedURI,
				sample: e.sample
			});
		});
	});
	context.on('request', (r) => void watch.requests.push(r.url()));
	context.on('console', (m) => {
		if (m.type() === 'error' && /Content.Security.Policy|Permissions.Policy|Refused to/i.test(m.text())) watch.policyErrors.push(m.text());
	});
	return watch;
}
