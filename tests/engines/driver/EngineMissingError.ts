/**
 * An engine the suite must run is not installed. The suite FAILS with it (never skips), naming
 * the Debian package that brings the missing program; `.ci/run` installs them.
 */
export class EngineMissingError extends Error {
	readonly code = 'ENGINE_MISSING';
	constructor(
		readonly engine: string,
		readonly missing: string,
		readonly debianPackage: string
	) {
		super(`${engine} cannot run: ${missing} is missing. Install it with: apt-get install ${debianPackage}`);
		this.name = 'EngineMissingError';
	}
}
