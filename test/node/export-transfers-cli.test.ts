// `sportello export transfers` (issue #12 §8) in-process (runCli, as bin/sportello runs it) against a real
// database of payments confirmed by the REAL simulator: one row per transfer with IBAN, Stand-In and the
// outcome code, totals per creditor and IBAN; read-only while a writer holds the database. Also the X/Z
// report inputs of issue #12 §4–§5 (Stand-In, pagoPA's fees, the fee of every notice) from the same rows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { parseNoticeCode } from '../../src/common/notice';
import type { CliIo } from '../../src/main/cli/command';
import { runCli } from '../../src/main/cli/main';
import { parseConfig } from '../../src/main/core/config/load';
import { createNodeClientFromConfig } from '../../src/main/core/node/from-config';
import type { NodeClient } from '../../src/main/core/node/types';
import { PaymentEngine } from '../../src/main/core/payments/engine';
import { paymentsReportSource } from '../../src/main/core/shifts/payments-report-source';
import { MAX_PRINTED_NOTICES, reportLines } from '../../src/main/core/shifts/report-lines';
import { openDatabase, type Db } from '../../src/main/core/store/database';
import { DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';

let sim: NodeSimulator;
let dir: string;
let file: string;
const DAY = Date.UTC(2026, 10, 27, 9, 0, 0);

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env: {}, stopSignal: new Promise(() => {}), stdin: Readable.from(['']) };
  const code = await runCli([...args, '--db', file], io);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  sim = await startNodeSimulator({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-export-'));
  file = path.join(dir, 'sportello.db');
  const db = openDatabase(file);
  const clock = new ManualClock(DAY);
  const config = parseConfig({ fees: { policy: 'node' }, node: { url: sim.soapUrl } });
  const client: NodeClient = createNodeClientFromConfig(config);
  const engine = new PaymentEngine({ db, node: client, config, clock });
  const pay = async (qr: string, at: number) => {
    clock.set(at);
    const q = await engine.lookup(parseNoticeCode(qr), { operatorId: 'op1', mode: 'counter' });
    if (q.kind !== 'online') throw new Error(JSON.stringify(q));
    const b = await engine.begin(q.paymentId, 'cash');
    if (b.kind !== 'activated') throw new Error(JSON.stringify(b));
    engine.collectCash(q.paymentId, 100_000);
    const p = await engine.settle(q.paymentId);
    expect(p.state).toBe('confirmed');
    return p;
  };
  await pay(DEMO_NOTICES.multiTransfer.qr, DAY); // 3 transfers, 3 creditors
  await pay(DEMO_NOTICES.plain.qr, DAY + 60_000); // Milano, GEC fee with the creditor's share
  await pay(DEMO_NOTICES.standin.qr, DAY + 120_000); // Stand-In: one transfer to Milano
  await pay(DEMO_NOTICES.second.qr, DAY + 86_400_000); // the next day: outside a one-day export
  // A quote never paid: not exported.
  clock.set(DAY + 180_000);
  await engine.lookup(parseNoticeCode(DEMO_NOTICES.poste.qr), { operatorId: 'op1', mode: 'counter' });
  await client.close();
  db.close();
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Row = { creditorFiscalCode: string; iban: string | null; amountCents: number; transferIndex: number; standin: boolean; outcomeCode: number; paymentToken: string; iuv: string; date: string };
type Export = {
  rows: Row[];
  totals: {
    count: number;
    amountCents: number;
    byCreditor: { creditorFiscalCode: string; count: number; amountCents: number }[];
    byIban: { creditorFiscalCode: string; iban: string; count: number; amountCents: number }[];
  };
};

describe('sportello export transfers', () => {
  it('json: one row per transfer of the confirmed payments of the day, Stand-In with outcome code 4, totals per creditor and IBAN', async () => {
    const r = await cli('export', 'transfers', '--from', '2026-11-27', '--to', '2026-11-27', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout) as Export;
    expect(x.rows).toHaveLength(3 + 1 + 1);
    const roma = x.rows.filter((row) => row.iuv === DEMO_NOTICES.multiTransfer.noticeNumber.slice(1));
    expect(roma.map((row) => [row.transferIndex, row.creditorFiscalCode, row.amountCents])).toEqual([
      [1, '02438750586', 20_000],
      [2, '80034390585', 7_500],
      [3, '80143490581', 3_500],
    ]);
    for (const row of x.rows) {
      expect(row.iban).toMatch(/^IT\d{2}[A-Z0-9]+$/);
      expect(row.paymentToken).toMatch(/^[0-9a-f]{32}$/);
      expect(row.date).toBe('2026-11-27');
    }
    const si = x.rows.filter((row) => row.standin);
    expect(si).toHaveLength(1);
    expect(si[0]).toMatchObject({ creditorFiscalCode: DEMO_NOTICES.standin.fiscalCode, amountCents: 18_000, outcomeCode: 4 });
    expect(x.rows.filter((row) => !row.standin).every((row) => row.outcomeCode === 0)).toBe(true);
    expect(x.totals.count).toBe(5);
    expect(x.totals.amountCents).toBe(31_000 + 12_350 + 18_000);
    const milano = x.totals.byCreditor.find((c) => c.creditorFiscalCode === '01199250158');
    expect(milano).toEqual({ creditorFiscalCode: '01199250158', count: 2, amountCents: 12_350 + 18_000 });
    // Milano's two payments went to two different accounts: two IBAN totals for one creditor.
    expect(x.totals.byIban.filter((i) => i.creditorFiscalCode === '01199250158')).toHaveLength(2);
    expect(x.totals.byIban.reduce((s, i) => s + i.amountCents, 0)).toBe(x.totals.amountCents);
  });

  it('csv --out: header, transfer lines, then total-creditor, total-iban and total lines; written whole', async () => {
    const out = path.join(dir, 'transfers.csv');
    const r = await cli('export', 'transfers', '--from', '2026-11-27', '--to', '2026-11-28', '--format', 'csv', '--out', out);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ out, format: 'csv', transfers: 6, amountCents: 31_000 + 12_350 + 18_000 + 24_530 });
    const lines = fs.readFileSync(out, 'utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('record,date,creditor_fiscal_code,creditor_name,iuv,notice_number,payment_token,transfer_index,amount_cents,amount_eur,iban,standin,outcome_code,payment_id,count');
    const kinds = lines.slice(1).map((l) => l.split(',')[0]);
    expect(kinds.filter((k) => k === 'transfer')).toHaveLength(6);
    expect(kinds.at(-1)).toBe('total');
    expect(lines.at(-1)).toBe('total,,,,,,,,85880,858.80,,,,,6');
    expect(kinds.indexOf('total-creditor')).toBeGreaterThan(kinds.lastIndexOf('transfer'));
    expect(kinds.indexOf('total-iban')).toBeGreaterThan(kinds.lastIndexOf('total-creditor'));
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads while a writer holds the database (read-only open)', async () => {
    const writer = openDatabase(file);
    try {
      const r = await cli('export', 'transfers', '--from', '2026-11-28', '--to', '2026-11-28', '--format', 'json');
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as Export).rows.map((row) => row.amountCents)).toEqual([24_530]);
    } finally {
      writer.close();
    }
  });

  it('bin/sportello: the same export from the real program, CSV on stdout', () => {
    const bin = path.resolve(__dirname, '../../bin/sportello');
    const env = { ...process.env, SPORTELLO_CONFIG: '', SPORTELLO_DB: '' };
    const r = spawnSync(process.execPath, [bin, 'export', 'transfers', '--from', '2026-11-27', '--to', '2026-11-27', '--format', 'csv', '--db', file], { encoding: 'utf8', timeout: 120_000, env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\r\n').filter(Boolean);
    expect(lines.filter((l) => l.startsWith('transfer,'))).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith('transfer,') && l.includes(',true,4,'))).toHaveLength(1);
  });

  it('refuses bad input with one line and exit 2', async () => {
    for (const args of [
      ['export', 'transfers', '--from', '2026-11-27', '--to', '2026-11-27', '--format', 'xml'],
      ['export', 'transfers', '--from', '2026-02-30', '--to', '2026-03-01', '--format', 'json'],
      ['export', 'transfers', '--from', '2026-11-28', '--to', '2026-11-27', '--format', 'json'],
      ['export', 'transfers', '--format', 'json'],
      ['export', 'payments', '--format', 'json'],
    ]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('X/Z report inputs (issue #12 §4, §5)', () => {
  it('count Stand-In and pagoPA fees, and list every notice with its own fee', () => {
    const db: Db = openDatabase(file, { readonly: true });
    try {
      const inputs = paymentsReportSource(db)({ terminalId: 'T01', fromMs: DAY - 1, toMs: DAY + 86_400_000 });
      expect(inputs.standin).toEqual({ count: 1, totalCents: 18_000 + 100 });
      // Milano (plain and Stand-In) pays €0,50 of the demo bundle's €1,50 (user fee €1,00); Roma pays €1,50.
      expect(inputs.nodeFees).toEqual({ count: 3, feeCents: 150 + 100 + 100 });
      expect(inputs.notices.map((n) => [n.noticeNumber, n.amountCents, n.feeCents, n.feeSource, n.standin])).toEqual([
        [DEMO_NOTICES.multiTransfer.noticeNumber, 31_000, 150, 'node', false],
        [DEMO_NOTICES.plain.noticeNumber, 12_350, 100, 'node', false],
        [DEMO_NOTICES.standin.noticeNumber, 18_000, 100, 'node', true],
      ]);
      const lines = reportLines(
        {
          kind: 'X',
          terminalId: 'T01',
          shiftId: 1,
          openedAt: new Date(DAY).toISOString(),
          generatedAt: new Date(DAY).toISOString(),
          operator: 'mario',
          floatCents: 0,
          byMethod: inputs.byMethod,
          totals: { count: 3, totalCents: 0, feeCents: 350 },
          refunds: inputs.refunds,
          cashInCents: 0,
          cashOutCents: 0,
          cashExpectedCents: 0,
          offlinePending: inputs.offlinePending,
          exceptionsOpen: 0,
          undeliveredOutcomes: 0,
          standin: inputs.standin,
          nodeFees: inputs.nodeFees,
          notices: inputs.notices,
          warnings: [],
        },
        'it',
      );
      expect(lines).toContainEqual(['Pagati in Stand-In (n. 1)', '€ 181,00']);
      expect(lines).toContainEqual(['  di cui commissioni pagoPA (n. 3)', '€ 3,50']);
      expect(lines).toContainEqual([`Avviso ..${DEMO_NOTICES.standin.noticeNumber.slice(-8)} [SI] [P]`, '€ 180,00 + € 1,00']);
      // On paper at most MAX_PRINTED_NOTICES one by one (the newest), the rest counted in one line.
      const many = Array.from({ length: MAX_PRINTED_NOTICES + 3 }, (_, i) => ({ ...inputs.notices[0]!, paymentId: `p${i}`, noticeNumber: `3${String(i).padStart(17, '0')}` }));
      const printed = reportLines(
        {
          kind: 'X',
          terminalId: 'T01',
          shiftId: 1,
          openedAt: new Date(DAY).toISOString(),
          generatedAt: new Date(DAY).toISOString(),
          operator: 'mario',
          floatCents: 0,
          byMethod: inputs.byMethod,
          totals: { count: 0, totalCents: 0, feeCents: 0 },
          refunds: inputs.refunds,
          cashInCents: 0,
          cashOutCents: 0,
          cashExpectedCents: 0,
          offlinePending: inputs.offlinePending,
          exceptionsOpen: 0,
          undeliveredOutcomes: 0,
          notices: many,
          warnings: [],
        },
        'en',
      );
      expect(printed.filter(([l]) => l.startsWith('Notice ..'))).toHaveLength(MAX_PRINTED_NOTICES);
      expect(printed).toContainEqual(['(3 earlier notices: see the report on screen)', '']);
      expect(printed.map(([l]) => l)).toContain(`Notice ..${many.at(-1)!.noticeNumber.slice(-8)} [P]`);
    } finally {
      db.close();
    }
  });
});
