// Restart with payments in flight: the node (a standalone simulator, configured by URL) outlives the
// app; the second app on the same SQLite file recovers BEFORE any sale and the node gets each outcome
// exactly once (pagopa-psp.md §3.11: same idempotency key on every retry).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperatorService } from '../../src/main/core/operators/operator-service';
import { systemClock } from '../../src/common/clock';
import { openDatabase } from '../../src/main/core/store/database';
import { DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { FAST_SCRYPT, call, removeDir, startTestApp, type TestApp } from './app-helpers';

let sim: NodeSimulator;
let dataDir: string;
const apps: TestApp[] = [];

beforeEach(async () => {
  sim = await startNodeSimulator({ port: 0, host: '127.0.0.1' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-restart-'));
  // A configured node means no demo accounts: the shop's clerk exists before the first start.
  const db = openDatabase(path.join(dataDir, 'sportello.db'));
  await new OperatorService({ db, clock: systemClock, scryptParams: FAST_SCRYPT }).bootstrap([
    { id: 'tech', name: 'Tecnico', role: 'technician', pin: '000000' },
    { id: 'mario', name: 'Mario Rossi', role: 'clerk', pin: '1234' },
  ]);
  db.close();
});

afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  await sim.close();
  removeDir(dataDir);
});

const start = async () => {
  const a = await startTestApp({ dataDir, config: { node: { url: sim.soapUrl } } });
  apps.push(a);
  await call(a.app, 'session/login', { operatorId: 'mario', pin: '1234' });
  // The shift outlives a restart (it is in the database): open it only the first time.
  if ((await call(a.app, 'shift/current')) === null) await call(a.app, 'shift/open', { openingFloatCents: 10_000 });
  return a;
};
const stop = async (a: TestApp) => {
  apps.splice(apps.indexOf(a), 1);
  await a.close();
};
const outcomesFor = (noticeNumber: string) => sim.ledger().filter((e) => e.noticeNumber === noticeNumber);

describe('restart with payments in flight', () => {
  it('an activated payment left behind gets its outcome KO exactly once, before the next sale', async () => {
    const first = await start();
    expect(first.app.demo).toMatchObject({ nodeSimulatorAdmin: null, deviceLabAdmin: expect.stringMatching(/^http:/) });
    const n = DEMO_NOTICES.plain;
    const q = await call(first.app, 'notice/lookup', { source: 'scan', raw: n.qr });
    const begun = await call(first.app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    expect(sim.positions().find((p) => p.noticeNumber === n.noticeNumber)?.lockedByToken).toMatch(/^[0-9a-f]{32}$/);
    await stop(first); // the process goes away with the notice activated and no money taken

    const second = await start();
    expect(second.app.recovery.payments).toEqual({ [begun.id]: 'voided' });
    expect(outcomesFor(n.noticeNumber).map((e) => e.outcome)).toEqual(['KO']);
    expect(await call(second.app, 'payment/get', { paymentId: begun.id })).toMatchObject({ state: 'cancelled', outcome: 'confirmed' });
    // The notice is free again and further sync passes send nothing more.
    await call(second.app, 'queue/syncNow');
    expect(outcomesFor(n.noticeNumber)).toHaveLength(1);
    expect(await call(second.app, 'notice/lookup', { source: 'scan', raw: n.qr })).toMatchObject({ kind: 'quote' });
  });

  it('cash taken but outcome OK undelivered (maybe processed): the restarted app delivers it; the node holds one outcome', async () => {
    const first = await start();
    const n = DEMO_NOTICES.second;
    const q = await call(first.app, 'notice/lookup', { source: 'scan', raw: n.qr });
    const begun = await call(first.app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    // The outcome call is processed by the node, then the connection drops: "maybe processed".
    sim.setFault({ operation: 'sendPaymentOutcome', kind: 'process-then-reset', count: 1 });
    const paid = await call(first.app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 30_000 });
    expect(paid).toMatchObject({ state: 'paid', outcome: 'queued' });
    expect(paid.receipt.job.state).toBe('printed'); // a provisional receipt: the node has not confirmed
    await stop(first);

    const second = await start();
    const snap = await call(second.app, 'queue/syncNow');
    expect(snap).toMatchObject({ pending: 0, failed: 0 });
    expect(await call(second.app, 'payment/get', { paymentId: begun.id })).toMatchObject({ state: 'paid', outcome: 'confirmed' });
    // The node processed the first attempt; the retry with the same key is answered from its cache.
    expect(outcomesFor(n.noticeNumber).map((e) => e.outcome)).toEqual(['OK']);
  });
});
