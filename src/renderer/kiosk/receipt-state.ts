// What the kiosk's thank-you screen does with the receipt's print job (issue #11 §6).
import type { PrintJob } from '../../common/ipc/receipt';

/** The print job did not reach paper whole: held mid-job, failed, or refused before printing. */
export function receiptFailed(job: PrintJob | null): boolean {
  return !!job && (job.state === 'held' || job.state === 'failed' || (job.state === 'queued' && job.reason !== null));
}

/** After a printed receipt the thank-you screen returns to the start by itself. */
export const THANK_YOU_MS = 20_000;

/**
 * When the thank-you screen returns to the start by itself: after THANK_YOU_MS, or never when the receipt
 * did not print — the citizen needs time to note or photograph the reference and its QR, so only "Fine" or
 * the idle timeout (which warns first, and a touch dismisses) ends that screen.
 */
export function thankYouReturnMs(jobs: readonly (PrintJob | null)[]): number | null {
  return jobs.some((j) => receiptFailed(j)) ? null : THANK_YOU_MS;
}
