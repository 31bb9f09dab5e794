import { redirect, type Cookies } from '@sveltejs/kit';
import { getServices } from '../getServices';
import { LOGIN_PATH } from './consoleGate';
import { hasConsoleSession } from './consoleSession';

/**
 * The console's second lock: the layout `load` and every form action call this first, so even a
 * request that somehow passed the hook's gate ({@link consoleGate}) reads or changes nothing
 * without a live session. SvelteKit runs form actions without running any `load`, which is why the
 * actions check themselves rather than trusting the layout.
 * @throws Redirect (303) to the login form when there is no live session
 */
export async function requireConsoleSession(event: { cookies: Cookies }): Promise<void> {
	if (!(await hasConsoleSession(await getServices(), event.cookies))) redirect(303, LOGIN_PATH);
}
