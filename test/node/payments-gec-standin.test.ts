// Issue #12 §4, §5, §7 against the REAL simulator over loopback SOAP: fees from pagoPA's GEC (policy
// 'node') sent back in sendPaymentOutcomeV2 details, Stand-In answers stored on the payment, a verify with
// several payment options shown and never paid, a revenue-stamp notice released before any money moves.
// Every outcome the engine sends is rebuilt as its SOAP body and validated by xmllint against nodeForPsp.xsd.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseNoticeCode } from '../../src/common/notice';
import { parseConfig } from '../../src/main/core/config/load';
import { createNodeClientFromConfig } from '../../src/main/core/node/from-config';
import { buildActivateBody, buildOutcomeBody, buildVerifyBody } from '../../src/main/core/node/requests';
import { soapEnvelope } from '../../src/main/core/node/xml';
import type { NodeClient, OutcomeRequest } from '../../src/main/core/node/types';
import { PaymentEngine } from '../../src/main/core/payments/engine';
import type { PaymentNode } from '../../src/main/core/payments/node-port';
import { openDatabase, type Db } from '../../src/main/core/store/database';
import { DEFAULT_SIM_IDENTITY, DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { bodyOf, xmllintValidate } from './node-helpers/xmllint';

let sim: NodeSimulator;
let dir: string;
let db: Db;
let client: NodeClient;
let engine: PaymentEngine;
let sent: OutcomeRequest[];
const counter = { operatorId: 'op1', mode: 'counter' as const };

beforeAll(async () => {
  sim = await startNodeSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  await client.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  sim.reset();
});

function open(config: Record<string, unknown> = {}): void {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-gec-'));
  db = openDatabase(path.join(dir, 'p.db'));
  const cfg = parseConfig({ ...config, node: { url: sim.soapUrl, timeouts: { verifyMs: 2000, activateMs: 2000, outcomeMs: 2000 }, ...((config.node as object | undefined) ?? {}) } });
  client = createNodeClientFromConfig(cfg);
  sent = [];
  // Records what the engine asks the node to deliver, then sends it for real.
  const node: PaymentNode = {
    verifyPaymentNotice: (r) => client.verifyPaymentNotice(r),
    activatePaymentNotice: (r) => client.activatePaymentNotice(r),
    sendPaymentOutcome: (r) => {
      sent.push(r);
      return client.sendPaymentOutcome(r);
    },
  };
  engine = new PaymentEngine({ db, node, config: cfg });
}

async function admin(p: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${sim.url}${p}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.status).toBe(200);
  return r.json();
}

async function payCash(qr: string) {
  const q = await engine.lookup(parseNoticeCode(qr), counter);
  if (q.kind !== 'online') throw new Error(`expected an online quote, got ${JSON.stringify(q)}`);
  const b = await engine.begin(q.paymentId, 'cash');
  if (b.kind !== 'activated') throw new Error(`expected activated, got ${JSON.stringify(b)}`);
  engine.collectCash(q.paymentId, 100_000);
  return { quote: q, payment: await engine.settle(q.paymentId) };
}

async function outcomeBodiesValid(): Promise<boolean[]> {
  return xmllintValidate(sent.map((r) => buildOutcomeBody(DEFAULT_SIM_IDENTITY, r, 'v2')));
}

describe('fees from pagoPA (GEC, issue #12 §4)', () => {
  it("policy 'node': the quote's fee is provisional; activate's suggestion is charged and sent back with the bundle", async () => {
    open({ fees: { policy: 'node' } });
    const { quote, payment } = await payCash(DEMO_NOTICES.plain.qr);
    expect(quote).toMatchObject({ kind: 'online', feeFinal: false, fees: { cash: 200, card: 200 } });
    // The simulator's demo bundle: €1,50, of which Comune di Milano pays €0,50 (idCiBundle).
    expect(payment).toMatchObject({ state: 'confirmed', feeCents: 100, feeSource: 'node', paFeeCents: 50, idBundle: 'SIMBUNDLE-0001', idCiBundle: 'SIMCIBUNDLE-MILANO-01' });
    expect(payment.collectedCents).toBe(12_350 + 100);
    const ok = sent.filter((r) => r.outcome === 'OK');
    expect(ok).toHaveLength(1);
    expect(ok[0]!.details).toMatchObject({ feeCents: 100, primaryCiIncurredFeeCents: 50, idBundle: 'SIMBUNDLE-0001', idCiBundle: 'SIMCIBUNDLE-MILANO-01' });
    const body = buildOutcomeBody(DEFAULT_SIM_IDENTITY, ok[0]!, 'v2');
    expect(body).toContain('<fee>1.00</fee><primaryCiIncurredFee>0.50</primaryCiIncurredFee><idBundle>SIMBUNDLE-0001</idBundle><idCiBundle>SIMCIBUNDLE-MILANO-01</idCiBundle>');
    expect(await outcomeBodiesValid()).toEqual([true]);
  });

  it("policy 'node' without a bundle for this PSP: the table's fee, and no bundle is claimed", async () => {
    open({ fees: { policy: 'node' } });
    await admin('/admin/gec', { bundles: [] });
    const { payment } = await payCash(DEMO_NOTICES.plain.qr);
    expect(payment).toMatchObject({ state: 'confirmed', feeCents: 200, feeSource: 'fixed', paFeeCents: null, idBundle: null });
    expect(sent[0]!.details).not.toHaveProperty('idBundle');
    expect(sent[0]!.details).not.toHaveProperty('primaryCiIncurredFeeCents');
  });

  it('GEC matches the touchpoint the activation carries (counter TS by default, fees.touchPoint to change it)', async () => {
    const atmOnly = { bundles: [{ idPSP: DEFAULT_SIM_IDENTITY.idPSP, idBundle: 'ATM-ONLY', feeCents: 90, touchPoint: 'ATM', paymentMethod: 'PO' }] };
    open({ fees: { policy: 'node' } });
    await admin('/admin/gec', atmOnly);
    expect((await payCash(DEMO_NOTICES.plain.qr)).payment).toMatchObject({ feeSource: 'fixed', feeCents: 200 });
    await client.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    sim.reset();
    open({ fees: { policy: 'node', touchPoint: 'ATM' } });
    await admin('/admin/gec', atmOnly);
    expect((await payCash(DEMO_NOTICES.plain.qr)).payment).toMatchObject({ feeSource: 'node', feeCents: 90, idBundle: 'ATM-ONLY' });
  });

  it("policy 'fixed' (default): the table's fee even when the node suggests one; the quote's fee is final", async () => {
    open();
    const { quote, payment } = await payCash(DEMO_NOTICES.plain.qr);
    expect(quote).toMatchObject({ feeFinal: true });
    expect(payment).toMatchObject({ feeCents: 200, feeSource: 'fixed', idBundle: null });
    expect(sent[0]!.details).toMatchObject({ feeCents: 200 });
    expect(sent[0]!.details).not.toHaveProperty('idBundle');
    expect(await outcomeBodiesValid()).toEqual([true]);
  });

  it('the payer recorded before collection goes in details.payer (XSD-valid, e-mail included); after collection it is refused', async () => {
    open({ fees: { policy: 'node' } });
    const q2 = await engine.lookup(parseNoticeCode(DEMO_NOTICES.second.qr), counter);
    if (q2.kind !== 'online') throw new Error('expected online');
    // Set at the quote, replaced, then set again once activated: the last one before collection is sent.
    engine.setPayer(q2.paymentId, { type: 'F', id: 'RSSMRA85T10A562S', fullName: 'Mario Rossi' }, 'op1');
    engine.setPayer(q2.paymentId, { type: 'G', id: '01199250158', fullName: 'Ditta Rossi & C. S.r.l.' }, 'op1');
    expect(engine.get(q2.paymentId)!.payer).toEqual({ type: 'G', id: '01199250158', fullName: 'Ditta Rossi & C. S.r.l.' });
    await engine.begin(q2.paymentId, 'cash');
    engine.setPayer(q2.paymentId, { type: 'F', id: 'RSSMRA85T10A562S', fullName: "Mario D'Rossi", email: 'mario.rossi@example.it' }, 'op1');
    engine.collectCash(q2.paymentId, 100_000);
    expect(() => engine.setPayer(q2.paymentId, null, 'op1')).toThrow(/payer-recorded|cannot|expected/);
    const done = await engine.settle(q2.paymentId);
    expect(done.state).toBe('confirmed');
    const ok = sent.find((r) => r.outcome === 'OK')!;
    expect(ok.details?.payer).toEqual({ type: 'F', id: 'RSSMRA85T10A562S', fullName: "Mario D'Rossi", email: 'mario.rossi@example.it' });
    const body = buildOutcomeBody(DEFAULT_SIM_IDENTITY, ok, 'v2');
    expect(body).toContain(
      '<payer><uniqueIdentifier><entityUniqueIdentifierType>F</entityUniqueIdentifierType><entityUniqueIdentifierValue>RSSMRA85T10A562S</entityUniqueIdentifierValue></uniqueIdentifier><fullName>Mario D&apos;Rossi</fullName><e-mail>mario.rossi@example.it</e-mail></payer>',
    );
    expect((await outcomeBodiesValid()).every(Boolean)).toBe(true);
    // The journal keeps that a payer was set (its type), not the person's data.
    const entries = db.prepare("SELECT data FROM journal WHERE type = 'payment.payer-recorded'").all() as { data: string }[];
    expect(entries.length).toBeGreaterThanOrEqual(3);
    for (const e of entries) expect(e.data).not.toContain('RSSMRA85T10A562S');
  });

  it('V1 outcome bodies drop the V2-only fee fields and stay XSD-valid', async () => {
    const r: OutcomeRequest = {
      paymentTokens: ['tok'],
      outcome: 'OK',
      idempotencyKey: '88888888888_AbCdEf1234',
      details: { paymentMethod: 'cash', feeCents: 100, primaryCiIncurredFeeCents: 50, idBundle: 'B', idCiBundle: 'C', applicationDate: '2026-11-27', transferDate: '2026-11-28' },
    };
    const v1 = buildOutcomeBody(DEFAULT_SIM_IDENTITY, r, 'v1');
    expect(v1).not.toContain('idBundle');
    const v2 = buildOutcomeBody(DEFAULT_SIM_IDENTITY, r, 'v2');
    expect(await xmllintValidate([v1, v2])).toEqual([true, true]);
    // A mutation the XSD refuses is refused by xmllint too (the check can fail).
    expect(await xmllintValidate([v2.replace('<idBundle>B</idBundle>', '<idBundle>B</idBundle><idBundle>B</idBundle>')])).toEqual([false]);
  });
});

describe('Stand-In (issue #12 §5)', () => {
  it('the demo Stand-In notice: flagged at verify and activate, one transfer of the total to the primary creditor with its IBAN', async () => {
    open();
    const { quote, payment } = await payCash(DEMO_NOTICES.standin.qr);
    expect(quote).toMatchObject({ kind: 'online', standin: true });
    expect(payment).toMatchObject({ state: 'confirmed', standin: true });
    expect(payment.transfers).toHaveLength(1);
    expect(payment.transfers![0]).toMatchObject({ amountCents: 18_000, fiscalCodePA: DEMO_NOTICES.standin.fiscalCode });
    expect(payment.transfers![0]!.iban).toMatch(/^IT\d{2}X03069/);
    // The journal (and so its export) marks it too.
    const activated = db.prepare("SELECT data FROM journal WHERE type = 'payment.activated' AND payment_id = ?").get(payment.id) as { data: string };
    expect(JSON.parse(activated.data)).toMatchObject({ standin: true });
  });

  it('the admin knob answers every notice in Stand-In; off again, the flag is false and the transfers are the usual ones', async () => {
    open();
    await admin('/admin/standin', { enabled: true });
    const a = await payCash(DEMO_NOTICES.multiTransfer.qr);
    expect(a.payment).toMatchObject({ standin: true });
    expect(a.payment.transfers).toHaveLength(1);
    await admin('/admin/standin', { enabled: false });
    const b = await payCash(DEMO_NOTICES.plain.qr);
    expect(b.quote).toMatchObject({ standin: false });
    expect(b.payment).toMatchObject({ standin: false });
  });
});

describe('limits and refusals (issue #12 §7)', () => {
  it('a verify with several payment options shows them all and pays none (no payment row, nothing activated)', async () => {
    open();
    const q = await engine.lookup(parseNoticeCode(DEMO_NOTICES.instalments.qr), counter);
    expect(q).toMatchObject({ kind: 'refused', category: 'payment-options' });
    expect(q.kind === 'refused' && q.paymentOptions).toEqual([
      { amountCents: 60_000, options: 'EQ', dueDate: '2026-12-31', paymentNote: 'Unica soluzione' },
      { amountCents: 30_000, options: 'EQ', dueDate: '2026-12-31', paymentNote: 'Rata 1 di 2' },
      { amountCents: 30_000, options: 'EQ', dueDate: '2027-06-30', paymentNote: 'Rata 2 di 2' },
    ]);
    expect(engine.list()).toEqual([]);
    expect(sim.positions().find((p) => p.noticeNumber === DEMO_NOTICES.instalments.noticeNumber)?.lockedByToken).toBeUndefined();
  });

  it('a single EQ option is paid; its list is in the quote', async () => {
    open();
    const q = await engine.lookup(parseNoticeCode(DEMO_NOTICES.plain.qr), counter);
    expect(q.kind === 'online' && q.paymentOptions).toEqual([{ amountCents: 12_350, options: 'EQ', dueDate: '2026-12-31', paymentNote: null }]);
  });

  it('a notice needing a digital revenue stamp is refused after activate and released with a KO: no money, position open', async () => {
    open();
    const q = await engine.lookup(parseNoticeCode(DEMO_NOTICES.revenueStamp.qr), counter);
    if (q.kind !== 'online') throw new Error('expected online');
    const b = await engine.begin(q.paymentId, 'cash');
    expect(b).toMatchObject({ kind: 'refused', category: 'revenue-stamp' });
    const p = engine.get(q.paymentId)!;
    expect(p).toMatchObject({ state: 'voided', collectedAt: null });
    expect(sent.map((r) => r.outcome)).toEqual(['KO']);
    const ledger = sim.ledger().filter((l) => l.noticeNumber === DEMO_NOTICES.revenueStamp.noticeNumber);
    expect(ledger.map((l) => l.outcome)).toEqual(['KO']);
    expect(sim.positions().find((x) => x.noticeNumber === DEMO_NOTICES.revenueStamp.noticeNumber)).toMatchObject({ status: 'open' });
  });
});

describe('offline, then synced (issue #12 §7)', () => {
  it('a revenue-stamp notice taken offline: at sync the token is released (KO) and a person refunds', async () => {
    open();
    sim.setFault({ operation: 'verifyPaymentNotice', kind: 'reset', count: 1 });
    const q = await engine.lookup(parseNoticeCode(DEMO_NOTICES.revenueStamp.qr), counter);
    if (q.kind !== 'offline') throw new Error(`expected offline, got ${JSON.stringify(q)}`);
    expect(q.feeFinal).toBe(true);
    await engine.begin(q.paymentId, 'cash');
    engine.collectCash(q.paymentId, 5_000);
    const r = await engine.syncOffline(q.paymentId);
    expect(r.payment).toMatchObject({ state: 'exception', exceptionKind: 'node-rejected' });
    expect(r.payment.exceptionDetail).toMatch(/revenue stamp/);
    expect(sent.map((o) => o.outcome)).toEqual(['KO']);
    expect(sim.positions().find((x) => x.noticeNumber === DEMO_NOTICES.revenueStamp.noticeNumber)).toMatchObject({ status: 'open' });
  });
});

describe('simulator answers (issue #12 §9) validate against nodeForPsp.xsd', () => {
  it('verify with several options and Stand-In, activateV2 with GEC fields, Stand-In and a revenue-stamp transfer', async () => {
    open();
    const post = async (action: string, body: string) => {
      const r = await fetch(sim.soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: action }, body: soapEnvelope(body) });
      return bodyOf(await r.text());
    };
    const answers: string[] = [];
    let k = 0;
    for (const n of [DEMO_NOTICES.plain, DEMO_NOTICES.standin, DEMO_NOTICES.instalments, DEMO_NOTICES.revenueStamp]) {
      answers.push(await post('verifyPaymentNotice', buildVerifyBody(DEFAULT_SIM_IDENTITY, n)));
      const act = { ...n, amountCents: n.amountCents, idempotencyKey: `88888888888_GeCtEsT00${k++}`, paymentMethod: 'PO' as const, touchPoint: 'TS' as const };
      answers.push(await post('activatePaymentNoticeV2', buildActivateBody(DEFAULT_SIM_IDENTITY, act, 'v2')));
    }
    const joined = answers.join('\n');
    expect(joined).toContain(
      '<suggestedUserFee>1.00</suggestedUserFee><suggestedPaFee>0.50</suggestedPaFee><suggestedIdBundle>SIMBUNDLE-0001</suggestedIdBundle><suggestedIdCiBundle>SIMCIBUNDLE-MILANO-01</suggestedIdCiBundle>',
    );
    expect(joined).toContain('<standin>true</standin>');
    expect(joined).toContain('<richiestaMarcaDaBollo><hashDocumento>');
    expect(answers[4]!.match(/<paymentOptionDescription>/g)).toHaveLength(3);
    const valid = await xmllintValidate(answers);
    expect(valid.every(Boolean), answers.filter((_, i) => !valid[i]).join('\n')).toBe(true);
  });
});
