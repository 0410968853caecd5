// Found by the crash harness: after a restart, recovery of an abandoned activation (a stale quote that
// still holds an idempotency key the node may have used) must be able to send its KO even though the
// clerk has meanwhile taken a new, offline payment of the same notice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { SyncWorker } from '../../src/main/core/payments/sync-worker';
import { FakeNode } from '../../src/main/core/payments/testing/fake-node';
import { EC, makeRig, notice, type Rig } from './payments-helpers';

const rigs: Rig[] = [];
let dir = '';
afterEach(() => {
  while (rigs.length) rigs.pop()?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('restart with a stale activation of a notice that was paid again offline', () => {
  it('sends the KO for the abandoned token, then syncs the new payment exactly once', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-restart-'));
    const clock = new ManualClock();
    const node = new FakeNode(clock);
    const N = notice(42);
    node.add(EC, N, 5000);

    // Process 1: the activation reaches the node (token A) but the answer is lost; the quote falls back
    // to offline with the key kept, and the process dies before the clerk collects.
    const first = makeRig(node, { clock, dir, bootId: 'boot-1' });
    const q1 = await first.engine.lookup({ noticeNumber: N, fiscalCode: EC, amountCents: 5000, format: 'qr' }, { operatorId: 'op', mode: 'counter' });
    expect(q1.kind).toBe('online');
    node.fail('activate', 'timeout', { processed: true });
    const b1 = await first.engine.begin(q1.kind === 'online' ? q1.paymentId : '', 'cash');
    expect(b1.kind).toBe('offline');
    const staleId = b1.kind === 'offline' ? b1.payment.id : '';
    first.db.close();

    // Process 2, node unreachable: the clerk scans the same notice again and takes the cash offline.
    const second = makeRig(node, { clock, dir, bootId: 'boot-2' });
    rigs.push(second);
    node.down = true;
    const q2 = await second.engine.lookup({ noticeNumber: N, fiscalCode: EC, amountCents: 5000, format: 'qr' }, { operatorId: 'op', mode: 'counter' });
    expect(q2.kind).toBe('offline');
    const id2 = q2.kind === 'offline' ? q2.paymentId : '';
    const b2 = await second.engine.begin(id2, 'cash', { amountCents: 5000 });
    expect(b2.kind).toBe('offline');
    second.engine.collectCash(id2, 5200);
    expect(second.engine.get(id2)?.state).toBe('offline-queued');

    // The node comes back: recovery sends KO for token A, then the offline payment is delivered.
    node.down = false;
    const worker = new SyncWorker({ engine: second.engine, concurrency: 2 });
    await worker.runOnce({ force: true });
    await worker.runOnce({ force: true });

    expect(second.engine.get(staleId)?.state).toBe('voided');
    expect(second.engine.get(id2)?.state).toBe('confirmed');
    const ok = node.ledger.filter((e) => e.outcome === 'OK');
    expect(ok).toHaveLength(1);
    expect(node.ledger.filter((e) => e.outcome === 'KO')).toHaveLength(1);
    expect(node.position(EC, N)?.status).toBe('paid');
  });
});
