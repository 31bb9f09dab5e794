/**
 * Draws the sheet's QR codes in the browser, a slice at a time: a class of 1,000 costs about 2 s
 * of CPU (qrcode-generator tries all eight masks per code), which on the server would block every
 * other request for that long, and in one browser task would freeze the page. Each slice runs for
 * at most ~30 ms, then yields.
 */
const queue: (() => void)[] = [];
let scheduled = false;

/** How many codes are still waiting (the print button waits for 0). */
export const qrProgress = $state({ pending: 0 });

export function enqueueQr(job: () => void): void {
	queue.push(job);
	qrProgress.pending++;
	if (!scheduled) {
		scheduled = true;
		setTimeout(run, 0);
	}
}

function run(): void {
	const end = performance.now() + 30;
	while (queue.length > 0 && performance.now() < end) {
		queue.shift()!();
		qrProgress.pending--;
	}
	if (queue.length > 0) setTimeout(run, 0);
	else scheduled = false;
}
