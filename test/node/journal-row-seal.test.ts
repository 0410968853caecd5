// Row-level tamper evidence (issue #10 §1, first finding): `UPDATE payments SET amount_cents=1,
// collected_cents=201 …` outside the app used to pass `journal verify` and lower the X report's cash. Every
// journaled write now seals the row; `journal verify` (exit 4) and the start-up check (sales refused) name
// the changed payment; a technician's `journal acknowledge` records it and lets payments resume.
import path from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/command';
import { runCli } from '../../src/main/cli/main';
import { listJournal } from '../../src/main/core/journal/journal';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { call, loginClerk, removeDir, startTestApp } from './app-helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

async function cli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env: {}, stopSignal: new Promise(() => {}), stdin: Readable.from([stdin]) };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** A cash payment taken and the terminal closed cleanly. */
async function onePayment(): Promise<{ dataDir: string; dbFile: string; paymentId: string }> {
  const t = await startTestApp();
  dirs.push(t.dataDir);
  await loginClerk(t.app);
  const n = DEMO_NOTICES.plain;
  const q = await call(t.app, 'notice/lookup', { source: 'scan', raw: n.qr });
  const begun = await call(t.app, 'payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
  await call(t.app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: begun.totalCents });
  await t.close();
  return { dataDir: t.dataDir, dbFile: path.join(t.dataDir, 'sportello.db'), paymentId: begun.id };
}

describe('payment rows are sealed in the journal', () => {
  it('an UPDATE outside the app is named by journal verify (exit 4), stops sales at start-up, and is acknowledged by a technician', async () => {
    const { dataDir, dbFile, paymentId } = await onePayment();
    expect((await cli(['journal', 'verify', '--db', dbFile])).code).toBe(0);

    const raw = new Database(dbFile);
    raw.prepare('UPDATE payments SET amount_cents = 1, collected_cents = 201 WHERE id = ?').run(paymentId);
    raw.close();

    const v = await cli(['journal', 'verify', '--db', dbFile]);
    expect(v.code).toBe(4);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: false, paymentId, reason: expect.stringContaining('changed outside the app') });

    const t = await startTestApp({ dataDir });
    try {
      await loginClerk(t.app).catch(() => undefined);
      expect(() => t.app.services.sale.assertCanTakeMoney({ operatorId: 'mario' })).toThrow(/changed outside the app/);
      // The technician sees it and acknowledges: the row's present state is journaled, with who saw it.
      t.app.journal.acknowledge('tech');
      expect(() => t.app.services.sale.assertCanTakeMoney({ operatorId: 'mario' })).not.toThrow();
      const ack = listJournal(t.app.db, { paymentId }).at(-1);
      expect(ack).toMatchObject({ type: 'payment.seal-acknowledged', operatorId: 'tech', data: expect.objectContaining({ reason: expect.stringContaining(paymentId) }) });
    } finally {
      await t.close();
    }
    // The evidence stays in the chain, and the terminal verifies again from here on.
    expect((await cli(['journal', 'verify', '--db', dbFile])).code).toBe(0);
  });

  it('a payment row inserted behind the app is not in the journal', async () => {
    const { dbFile, paymentId } = await onePayment();
    const raw = new Database(dbFile);
    const unique = ['id', 'seq', 'payment_token', 'activate_key', 'outcome_key'];
    const cols = (raw.prepare('PRAGMA table_info(payments)').all() as { name: string }[]).map((c) => c.name).filter((c) => !unique.includes(c));
    raw.prepare(`INSERT INTO payments (id, seq, ${cols.join(',')}) SELECT 'FORGED-1', 999, ${cols.join(',')} FROM payments WHERE id = ?`).run(paymentId);
    raw.close();
    const v = await cli(['journal', 'verify', '--db', dbFile]);
    expect(v.code).toBe(4);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: false, paymentId: 'FORGED-1', reason: expect.stringContaining('not in the journal') });
  });
});
