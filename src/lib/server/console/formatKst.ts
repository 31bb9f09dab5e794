const KST = new Intl.DateTimeFormat('ko-KR', {
	timeZone: 'Asia/Seoul',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	// h23, not hour12: false, which some ICU versions render as 24:05 just after midnight.
	hourCycle: 'h23'
});

/**
 * A time for the console, in Korea time whatever the server's zone: institutes read these next
 * to their own records. Formatted on the server so hydration never disagrees.
 */
export function formatKst(ms: number | null): string {
	return ms === null ? '—' : KST.format(new Date(ms));
}
