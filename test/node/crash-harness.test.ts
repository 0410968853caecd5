// Issue #4 §7: payments and sync in a child process SIGKILLed at seeded random points (after the N-th
// commit, around the N-th node call, or on a timer), against the simulator with random faults and
// latencies; after every kill a restart, at the end a full sync, then the exactly-once invariants.
// Every third unit of work is a cart of up to 5 notices (cash or card, one charge for the total).
// About a third of the runs also start a second program on the same database while the child holds it
// (during its payments, card charges and sync): it must be refused, and no terminal approval may be lost.
// Two campaigns run side by side (2 cores). `npm run soak` runs many more points.
import { describe, expect, it } from 'vitest';
import { runCrashCampaign } from '../crash/harness';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 90);

describe('crash harness', () => {
  it(`${2 * ITERATIONS} random kill points (SIGKILL): every payment exactly once at the node, nothing left activated, journal intact`, async () => {
    const reports = await Promise.all([runCrashCampaign({ iterations: ITERATIONS, seed: 11 }), runCrashCampaign({ iterations: ITERATIONS, seed: 29 })]);
    for (const r of reports) {
      expect(r.childFailures).toEqual([]);
      expect(r.violations).toEqual([]);
      // The campaign must actually have killed the child many times and moved money.
      expect(r.kills).toBeGreaterThan(ITERATIONS / 2);
      expect(r.ledger).toBeGreaterThan(10);
      // Card charges happened and a second program contended for the database while children worked.
      expect(r.cardApprovals.terminal).toBeGreaterThan(3);
      // Carts of several notices were paid (and killed) too: each notice exactly once or released.
      expect(r.carts.notices).toBeGreaterThan(2 * r.carts.carts - 1);
      expect(r.carts.carts).toBeGreaterThan(ITERATIONS / 10);
    }
    const refused = reports.reduce((n, r) => n + r.contention.refused, 0);
    expect(refused, JSON.stringify(reports.map((r) => r.contention))).toBeGreaterThan(ITERATIONS / 5);
    const kills = reports.reduce((n, r) => n + r.kills, 0);
    expect(kills).toBeGreaterThan(ITERATIONS);
  }, 240_000);
});
