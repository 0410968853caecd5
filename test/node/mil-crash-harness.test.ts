// Issue #14: the crash harness (test/crash/harness.ts) with the children reaching the node through the MIL
// simulator: SIGKILL at random commits, MIL calls and times, with lost MIL answers (processed, then the
// connection cut), hangs and 5xx; then a full sync and the invariants: every notice paid exactly once at the
// node, nothing left activated, every MIL transaction CLOSED with one close sent, journal intact.
import { describe, expect, it } from 'vitest';
import { runCrashCampaign } from '../crash/harness';

const ITERATIONS = Number(process.env.MIL_CRASH_ITERATIONS ?? 40);

describe('crash harness through MIL', () => {
  it(`${ITERATIONS} random kill points: exactly once at the node, no MIL transaction left open`, async () => {
    const r = await runCrashCampaign({ iterations: ITERATIONS, seed: 47, upstream: 'mil' });
    expect(r.childFailures).toEqual([]);
    expect(r.violations).toEqual([]);
    expect(r.kills).toBeGreaterThan(ITERATIONS / 2);
    expect(r.ledger).toBeGreaterThan(10);
    // The payments went through MIL: one CLOSED transaction per single notice, one per cart collected online.
    expect(r.mil?.transactions).toBeGreaterThan(10);
    // Carts were paid (and killed) through MIL too; how many ended as one multi-token MIL transaction
    // depends on where the kills fell (r.mil.carts), so only the carts themselves are required here.
    expect(r.carts.carts).toBeGreaterThan(0);
    expect(r.carts.notices).toBeGreaterThan(r.carts.carts);
  }, 300_000);
});
