// Issue #4 §2: if the database cannot commit (disk full, locked), the payment is refused before any
// money is taken. Real files: disk-full via PRAGMA max_page_count (SQLITE_FULL), locked via a second
// connection holding the write lock with a small busy timeout.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { PaymentError } from '../../src/main/core/payments/errors';
import { FakeNode } from '../../src/main/core/payments/testing/fake-node';
import { openDatabase } from '../../src/main/core/store/database';
import { PaymentEngine } from '../../src/main/core/payments/engine';
import { EC, makeRig, notice, type Rig } from './payments-helpers';

const rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
});

/** Caps the file at its current size, then fills it with real captured payments until SQLite says SQLITE_FULL. */
async function fillDisk(db: Database.Database, engine: PaymentEngine): Promise<number> {
  const { page_count } = db.prepare('PRAGMA page_count').get() as { page_count: number };
  db.pragma(`max_page_count = ${page_count}`);
  for (let n = 1000; n < 5000; n += 1) {
    try {
      await engine.lookup({ noticeNumber: notice(n), fiscalCode: EC, amountCents: 1 }, { operatorId: 'op', mode: 'counter' });
    } catch (err) {
      if (err instanceof PaymentError && err.extra.storeKind === 'disk-full') return n - 1000;
      throw err;
    }
  }
  throw new Error('never filled');
}

describe('store failures refuse the payment before money moves', () => {
  it('disk full: cash collection throws PaymentError store/disk-full and nothing is recorded as collected', async () => {
    const clock = new ManualClock();
    const node = new FakeNode(clock);
    const rig = makeRig(node, { clock });
    rigs.push(rig);
    node.down = true;
    const q = await rig.engine.lookup({ noticeNumber: notice(1), fiscalCode: EC, amountCents: 1_000 }, { operatorId: 'op', mode: 'counter' });
    if (q.kind !== 'offline') throw new Error('expected offline');
    await rig.engine.begin(q.paymentId, 'cash');
    await fillDisk(rig.db, rig.engine);
    let err: unknown;
    try {
      rig.engine.collectCash(q.paymentId, 1_200);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PaymentError);
    expect(err).toMatchObject({ kind: 'store', extra: { storeKind: 'disk-full', category: 'store-unavailable' } });
    expect(rig.engine.get(q.paymentId)!.state).toBe('captured');
    // Online too: the lookup itself cannot be recorded, so it is refused.
    node.down = false;
    node.add(EC, notice(2), 500);
    await expect(rig.engine.lookup({ noticeNumber: notice(2), fiscalCode: EC }, { operatorId: null, mode: 'counter' })).rejects.toMatchObject({ kind: 'store', extra: { storeKind: 'disk-full' } });
  });

  it('locked: another connection holding the write lock makes collection fail with store/locked', async () => {
    const clock = new ManualClock();
    const node = new FakeNode(clock);
    const base = makeRig(node, { clock });
    rigs.push(base);
    base.db.close();
    const db = openDatabase(base.file, { busyTimeoutMs: 50 });
    const engine = new PaymentEngine({ db, node, config: base.config, clock });
    node.add(EC, notice(3), 800);
    const q = await engine.lookup({ noticeNumber: notice(3), fiscalCode: EC }, { operatorId: null, mode: 'counter' });
    await engine.begin(q.kind === 'online' ? q.paymentId : '', 'cash');
    const holder = new Database(base.file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      expect(() => engine.collectCash(q.kind === 'online' ? q.paymentId : '', 1_000)).toThrow(expect.objectContaining({ kind: 'store', extra: expect.objectContaining({ storeKind: 'locked' }) }));
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(engine.get(q.kind === 'online' ? q.paymentId : '')!.state).toBe('activated');
    expect(node.ledger).toHaveLength(0);
    db.close();
    base.db = openDatabase(base.file);
  });
});
