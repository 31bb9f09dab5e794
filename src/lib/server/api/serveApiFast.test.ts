import { describe, expect, it } from 'vitest';
import { matchApiFast } from './serveApiFast';
import { API_ROUTES } from './apiRoutes';

describe('matchApiFast', () => {
	it('takes every route of the table in its plain spelling, with its parameters', () => {
		expect(matchApiFast('/api/v1/verify')?.route.id).toBe('/api/v1/verify');
		expect(matchApiFast('/api/v1/time?x=1')?.route.id).toBe('/api/v1/time');
		expect(matchApiFast('/api/v1/trainees/T-2025.01_a')).toMatchObject({ route: { id: '/api/v1/trainees/[traineeId]' }, params: { traineeId: 'T-2025.01_a' } });
		expect(matchApiFast('/api/v1/trainees/abc/unlock')).toMatchObject({ route: { id: '/api/v1/trainees/[traineeId]/unlock' }, params: { traineeId: 'abc' } });
		expect(matchApiFast('/api/v1/clients/c_abc')).toMatchObject({ route: { id: '/api/v1/clients/[clientId]' }, params: { clientId: 'c_abc' } });
		for (const route of API_ROUTES) expect(matchApiFast(route.id.replace(/\[\w+\]/g, 'T-1'))?.route).toBe(route);
	});

	// Whatever SvelteKit would decode or normalise goes to SvelteKit, which runs the same endpoint.
	const leftToKit = [
		'/api/v1/%76erify',
		'/api/v1/verify/',
		'/api/v1//verify',
		'/api//v1/verify',
		'/api/v1/./verify',
		'/api/v1/x/../verify',
		'/api/v1/trainees/../verify',
		'/api/v1/trainees/..',
		'/api/v1/trainees/.',
		'/api/v1/trainees/.hidden',
		'/api/v1/trainees/a%2Fb',
		'/api/v1/trainees/%41',
		'/api/v1/trainees/' + 'a'.repeat(65),
		'/API/v1/verify',
		'/api/v1/verify#x',
		'/api/v1/nope',
		'/api/v2/verify',
		'http://host/api/v1/verify',
		'/institute/api/v1/verify',
		'',
		undefined
	];
	for (const target of leftToKit) it(`leaves ${JSON.stringify(target)} to SvelteKit`, () => expect(matchApiFast(target)).toBeNull());
});
