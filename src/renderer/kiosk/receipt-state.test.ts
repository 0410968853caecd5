// The kiosk's thank-you screen keeps a failed receipt's reference on screen (issue #11 §6).
import { describe, expect, it } from 'vitest';
import type { PrintJob } from '../../common/ipc/receipt';
import { receiptFailed, THANK_YOU_MS, thankYouReturnMs } from './receipt-state';

const job = (state: PrintJob['state'], reason: string | null = null) => ({ state, reason }) as PrintJob;

describe('thankYouReturnMs', () => {
  it('returns to the start after a printed receipt, or with no receipt job', () => {
    expect(thankYouReturnMs([job('printed')])).toBe(THANK_YOU_MS);
    expect(thankYouReturnMs([null, null])).toBe(THANK_YOU_MS);
  });

  it('stays while a receipt did not print: held mid-job, failed, or refused before printing', () => {
    expect(thankYouReturnMs([job('held', 'paper-out')])).toBeNull();
    expect(thankYouReturnMs([null, job('failed', 'disconnected')])).toBeNull();
    expect(thankYouReturnMs([job('queued', 'paper-out')])).toBeNull();
    expect(receiptFailed(job('queued'))).toBe(false); // merely waiting its turn is not a failure
  });
});
