import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalPath, kindOfRoute, kindOfTarget, stricterKind } from './requestKind.js';

describe('kindOfRoute', () => {
	it('reads the route the router resolved', () => {
		expect(kindOfRoute('/institute')).toBe('console');
		expect(kindOfRoute('/institute/trainees')).toBe('console');
		expect(kindOfRoute('/institute/login')).toBe('console');
		expect(kindOfRoute('/api/v1/verify')).toBe('api');
		expect(kindOfRoute('/api/[...rest]')).toBe('api');
		expect(kindOfRoute('/(app)/settings')).toBe('app');
		expect(kindOfRoute('/v')).toBe('hosted');
		expect(kindOfRoute('/v/verify')).toBe('hosted');
		expect(kindOfRoute('/(app)')).toBe('app');
		expect(kindOfRoute(null)).toBeNull();
		expect(kindOfRoute(undefined)).toBeNull();
	});
});

describe('kindOfTarget', () => {
	// Every spelling a router or file server could take for a console path (issue 12).
	const consoleSpellings = [
		'/institute',
		'/institute/trainees',
		'/%69nstitute/trainees/__data.json',
		'/%69%6E%73%74%69%74%75%74%65/audit',
		'/institut%65',
		'/institute%2Ftrainees',
		'/institute%2ftrainees',
		'/%2569nstitute/trainees',
		'/%252569nstitute',
		'/x/../institute/enroll',
		'/x/%2e%2e/institute/enroll',
		'/institute/./enroll',
		'//institute/enroll',
		'/institute//enroll',
		'///institute',
		'/Institute/Enroll',
		'/INSTITUTE',
		'\\institute\\enroll',
		'/institute?x=1',
		'/institute#x',
		'http://localhost:3000/institute/verify',
		'HTTP://evil.example/%69nstitute',
		'/institute/%zz'
	];
	for (const target of consoleSpellings) {
		it(`counts ${JSON.stringify(target)} as the console`, () => expect(kindOfTarget(target)).toBe('console'));
	}

	it('tells the API, worker scripts and the app apart', () => {
		expect(kindOfTarget('/api/v1/time')).toBe('api');
		expect(kindOfTarget('/%61pi/v1/time')).toBe('api');
		expect(kindOfTarget('/_app/immutable/workers/qrWorker-abc.js')).toBe('worker');
		expect(kindOfTarget('/_app/immutable/workers/../chunks/x.js')).toBe('app');
		expect(kindOfTarget('/')).toBe('app');
		expect(kindOfTarget('/enroll')).toBe('app');
		expect(kindOfTarget('/institutex')).toBe('app');
		expect(kindOfTarget('/apis')).toBe('app');
		expect(kindOfTarget('/v?client=c_x&sig=y')).toBe('hosted');
		expect(kindOfTarget('/%76')).toBe('hosted');
		expect(kindOfTarget('/V/verify')).toBe('hosted');
		expect(kindOfTarget('/x/../v')).toBe('hosted');
		expect(kindOfTarget('/vx')).toBe('app');
		expect(kindOfTarget(undefined)).toBe('app');
	});

	it('never throws, whatever the target', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (target) => {
				expect(['console', 'api', 'hosted', 'worker', 'app']).toContain(kindOfTarget(target));
			}),
			{ numRuns: Number(process.env.FUZZ_RUNS ?? 2000) }
		);
	});
});

describe('canonicalPath', () => {
	it('resolves dot segments and never climbs above the root', () => {
		expect(canonicalPath('/a/b/../../../c')).toBe('/c');
		expect(canonicalPath('/../../')).toBe('/');
		expect(canonicalPath('')).toBe('/');
	});
});

describe('stricterKind', () => {
	it('takes the more restrictive kind, and a worker only when nothing else claims the request', () => {
		expect(stricterKind('app', 'console')).toBe('console');
		expect(stricterKind('console', 'app')).toBe('console');
		expect(stricterKind('api', 'app')).toBe('api');
		expect(stricterKind('worker', 'app')).toBe('app');
		expect(stricterKind('app', 'hosted')).toBe('hosted');
		expect(stricterKind('hosted', 'api')).toBe('api');
		expect(stricterKind('worker', null)).toBe('worker');
		expect(stricterKind('app', null)).toBe('app');
	});
});
