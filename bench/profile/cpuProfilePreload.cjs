// Preloaded into the servers a bench starts (`NODE_OPTIONS="--require ./bench/profile/cpuProfilePreload.cjs"`;
// Node refuses --cpu-prof in NODE_OPTIONS): samples every `node server.js` process with the V8
// profiler and writes <MOTP_PROFILE_DIR>/server-<pid>.cpuprofile when it exits. Other processes
// (the bench itself) are left alone. Summarise with `node bench/profile/summary.js FILE`.
if ((process.argv[1] || '').endsWith('server.js')) {
	const inspector = require('node:inspector');
	const fs = require('node:fs');
	const path = require('node:path');
	const dir = process.env.MOTP_PROFILE_DIR || '/tmp/motp-profile';
	fs.mkdirSync(dir, { recursive: true });
	const session = new inspector.Session();
	session.connect();
	session.post('Profiler.enable');
	session.post('Profiler.setSamplingInterval', { interval: 200 });
	session.post('Profiler.start');
	process.on('exit', () => {
		// The main thread's session answers synchronously, so this runs before the process ends.
		session.post('Profiler.stop', (error, result) => {
			if (!error) fs.writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
		});
	});
}
