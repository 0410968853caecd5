// The sale rules live in the core (issue #9 §1): SaleService is called here directly — no IPC handler,
// no CLI — and refuses exactly what the counter refuses. Real app from the composition root (embedded
// simulator, virtual lab), real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import { listJournal } from '../../src/main/core/journal/journal';
import { SaleError, type SaleActor } from '../../src/main/core/sale/sale-service';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { parseNoticeCode } from '../../src/common/notice';
import { removeDir, startTestApp, type TestApp } from './app-helpers';

let t: TestApp | null = null;
afterEach(async () => {
  if (t) {
    await t.close();
    removeDir(t.dataDir);
  }
  t = null;
});

const mario: SaleActor = { operatorId: 'mario' };
const notice = (qr: string) => {
  const n = parseNoticeCode(qr);
  return { noticeNumber: n.noticeNumber, fiscalCode: n.fiscalCode, amountCents: n.amountCents, format: n.format };
};

async function counter() {
  t = await startTestApp();
  return t.app.services;
}

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<SaleError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (err instanceof SaleError) return err;
    throw err;
  }
  throw new Error('expected a SaleError');
}

describe('SaleService: the rules that protect money', () => {
  it('a counter takes no money without an active operator, nor outside an open shift', async () => {
    const { sale, shifts, engine } = await counter();
    expect((await refusal(sale.lookup({ operatorId: null }, notice(DEMO_NOTICES.plain.qr)))).code).toBe('operator-required');
    expect((await refusal(sale.lookup({ operatorId: 'nobody' }, notice(DEMO_NOTICES.plain.qr)))).code).toBe('operator-inactive');
    const q = await sale.lookup(mario, notice(DEMO_NOTICES.plain.qr));
    expect(q.kind).toBe('online');
    const id = (q as { paymentId: string }).paymentId;
    const noShift = await refusal(sale.begin(mario, id, 'cash'));
    expect(noShift).toMatchObject({ kind: 'conflict', code: 'no-open-shift' });
    expect(engine.repo.require(id).state).toBe('verified');
    shifts.open('mario', 10_000);
    const p = await sale.begin(mario, id, 'cash');
    expect(p.state).toBe('activated');
  });

  it('opens the drawer only after the collection is committed, and journals the opening', async () => {
    const { sale, shifts, engine } = await counter();
    shifts.open('mario', 10_000);
    const q = await sale.lookup(mario, notice(DEMO_NOTICES.plain.qr));
    const id = (q as { paymentId: string }).paymentId;
    await sale.begin(mario, id, 'cash');
    const r = await sale.collectCash(mario, id, 13_000);
    expect(r).toMatchObject({ changeCents: 450, drawer: 'opened' });
    expect(r.receipt.result.outcome).toBe('printed');
    const journal = listJournal(t!.app.db, { limit: 10_000 });
    const collected = journal.findIndex((e) => e.paymentId === id && e.type === 'payment.collected');
    const drawer = journal.findIndex((e) => e.paymentId === id && e.type === 'drawer.opened');
    expect(collected).toBeGreaterThanOrEqual(0);
    expect(drawer).toBeGreaterThan(collected);
    expect(journal[drawer]).toMatchObject({ operatorId: 'mario' });
    expect(engine.repo.require(id).state).toBe('printed');
  });

  it('money taken cannot be cancelled, and a confirmed payment cannot be voided at the counter', async () => {
    const { sale, shifts } = await counter();
    shifts.open('mario', 10_000);
    const q = await sale.lookup(mario, notice(DEMO_NOTICES.plain.qr));
    const id = (q as { paymentId: string }).paymentId;
    await sale.begin(mario, id, 'cash');
    await sale.collectCash(mario, id, 12_550);
    expect((await refusal(sale.cancel(mario, id))).code).toBe('already-collected');
    expect((await refusal(sale.void(mario, id, 'wrong notice', { pin: '5678', id: 'anna' }))).code).toBe('not-reversible');
    expect((await refusal(sale.void(mario, id, 'wrong notice', {}))).code).toBe('supervisor-required');
  });

  it('only a supervisor or a technician resolves an exception, whoever asks (UI inbox or CLI)', async () => {
    const { sale } = await counter();
    expect(await refusal(sale.resolveException('mario', 'T01-000001', 'refund', 'cash returned'))).toMatchObject({ kind: 'forbidden', code: 'supervisor-required' });
    expect(await refusal(sale.resolveException('nobody', 'T01-000001', 'refund', 'cash returned'))).toMatchObject({ code: 'supervisor-required' });
    // A supervisor passes the authority check; the engine then says there is no such exception.
    await expect(sale.resolveException('anna', 'T01-000001', 'refund', 'cash returned')).rejects.toThrow(/no payment T01-000001/);
  });

  it('a kiosk offers only its configured methods and acts without an operator', async () => {
    t = await startTestApp({ mode: 'kiosk' });
    const { sale } = t.app.services;
    expect(sale.offeredMethods()).toEqual(['card']);
    const q = await sale.lookup({ operatorId: null }, notice(DEMO_NOTICES.plain.qr));
    const id = (q as { paymentId: string }).paymentId;
    expect((await refusal(sale.begin({ operatorId: null }, id, 'cash'))).code).toBe('method-not-offered');
  });
});
