/**
 * A tiny first-party cookie that says "this browser had an enrollment". Browsers evict IndexedDB
 * under storage pressure (unless persistence was granted) but keep cookies, so when the vault is
 * gone and this marker is not, the app can tell a trainee "your browser deleted the app's data"
 * instead of greeting them as a stranger. It holds no secret and nothing personal.
 */
const NAME = 'motp_enrolled';
const MAX_AGE = 400 * 24 * 3600; // the longest lifetime browsers allow (RFC 6265bis)

export const enrollmentMarker = {
	present(): boolean {
		return document.cookie.split('; ').some((c) => c === `${NAME}=1`);
	},
	set(): void {
		document.cookie = `${NAME}=1; Max-Age=${MAX_AGE}; Path=/; SameSite=Strict${location.protocol === 'https:' ? '; Secure' : ''}`;
	},
	clear(): void {
		document.cookie = `${NAME}=; Max-Age=0; Path=/; SameSite=Strict`;
	}
};
