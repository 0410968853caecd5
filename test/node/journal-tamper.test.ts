// Tamper evidence beyond the chain (issue #10 §1): the signed head record beside the database catches
// tail truncation and a chain rewritten with recomputed hashes; a broken journal stops sales at start-up
// and `journal verify` names the entry (exit 4).
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/command';
import { runCli } from '../../src/main/cli/main';
import { entryHash } from '../../src/main/core/journal/journal';
import { anchorFiles } from '../../src/main/core/journal/journal-anchor';
import { loginClerk, removeDir, startTestApp, type TestApp } from './app-helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

async function journalCli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env: {}, stopSignal: new Promise(() => {}), stdin: Readable.from([stdin]) };
  const code = await runCli(['journal', ...args], io);
  return { code, stdout, stderr };
}

const verify = (dbFile: string) => journalCli(['verify', '--db', dbFile]);

/** A day's worth of journal: login, shift open, cash in; then a clean close (which anchors the head). */
async function dayOfWork(): Promise<{ dataDir: string; dbFile: string; entries: number }> {
  const t = await startTestApp();
  dirs.push(t.dataDir);
  await loginClerk(t.app);
  t.app.services.shifts.cashMovement(t.app.services.shifts.current()!.id, 'in', 500, 'monete', 'mario');
  const entries = (t.app.db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
  await t.close();
  return { dataDir: t.dataDir, dbFile: path.join(t.dataDir, 'sportello.db'), entries };
}

async function salesRefused(dataDir: string): Promise<string> {
  const t: TestApp = await startTestApp({ dataDir });
  try {
    await loginClerk(t.app).catch(() => undefined); // the shift is already open
    let message = '';
    try {
      t.app.services.sale.assertCanTakeMoney({ operatorId: 'mario' });
    } catch (err) {
      message = (err as Error).message;
      expect((err as { code?: string }).code).toBe('journal-broken');
    }
    return message;
  } finally {
    await t.close();
  }
}

describe('journal tamper evidence (issue #10 §1)', () => {
  it('an intact day verifies; the start-up check lets sales through', async () => {
    const { dbFile, dataDir } = await dayOfWork();
    const v = await verify(dbFile);
    expect(v.code, v.stderr).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, anchoredSeq: expect.any(Number) });
    expect(fs.statSync(anchorFiles(dbFile).keyFile).mode & 0o777).toBe(0o600);
    const t = await startTestApp({ dataDir });
    try {
      expect(() => t.app.services.sale.assertCanTakeMoney({ operatorId: 'mario' })).not.toThrow();
    } finally {
      await t.close();
    }
  });

  it('dropping the delete trigger and deleting the last 4 entries is named by journal verify and stops sales', async () => {
    const { dbFile, dataDir, entries } = await dayOfWork();
    const raw = new Database(dbFile);
    const last = (raw.prepare('SELECT MAX(seq) AS s FROM journal').get() as { s: number }).s;
    raw.exec(
      `DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq > ${last - 4}; CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;`,
    );
    raw.close();
    expect(entries).toBeGreaterThan(4);
    const v = await verify(dbFile);
    expect(v.code).toBe(4);
    expect(v.stderr).toMatch(new RegExp(`^journal broken at entry ${last}: .*truncated\\n$`));
    expect(await salesRefused(dataDir)).toMatch(new RegExp(`audit journal failed verification at entry ${last}.*call the technician`));
    // Until a technician acts: a clerk cannot, the technician (PIN on stdin) acknowledges, sales resume.
    expect((await journalCli(['acknowledge', '--by', 'mario', '--db', dbFile], '1234\n')).code).toBe(4);
    expect(await salesRefused(dataDir)).toMatch(/audit journal failed verification/);
    const ack = await journalCli(['acknowledge', '--by', 'tech', '--db', dbFile], '000000\n');
    expect(ack.code, ack.stderr).toBe(0);
    expect(JSON.parse(ack.stdout)).toMatchObject({ acknowledged: true, firstBadSeq: last });
    expect(await salesRefused(dataDir)).toBe('');
    const after = await verify(dbFile);
    expect(after.code, after.stderr).toBe(0);
    const raw2 = new Database(dbFile, { readonly: true });
    expect(raw2.prepare("SELECT data FROM journal WHERE type = 'journal.break-acknowledged'").get()).toMatchObject({ data: expect.stringContaining(`"firstBadSeq":${last}`) });
    raw2.close();
  });

  it('a chain rewritten with recomputed hashes (no key) no longer matches the signed head', async () => {
    const { dbFile } = await dayOfWork();
    const raw = new Database(dbFile);
    raw.exec('DROP TRIGGER journal_no_update');
    const rows = raw.prepare('SELECT * FROM journal ORDER BY seq').all() as {
      seq: number;
      at: string;
      type: string;
      payment_id: string | null;
      operator_id: string | null;
      data: string;
      prev_hash: string;
      hash: string;
    }[];
    let prev = '0'.repeat(64);
    const upd = raw.prepare('UPDATE journal SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    for (const r of rows) {
      const data = r.seq === 2 ? r.data.replace('{', '{"tampered":1,') : r.data;
      const hash = entryHash(prev, { seq: r.seq, at: r.at, type: r.type, paymentId: r.payment_id, operatorId: r.operator_id, dataJson: data });
      upd.run(data, prev, hash, r.seq);
      prev = hash;
    }
    raw.close();
    expect(rows.length).toBeGreaterThan(2);
    const v = await verify(dbFile);
    expect(v.code).toBe(4);
    expect(v.stderr).toMatch(/^journal broken at entry \d+: .*rewritten/);
  });

  it('deleting the key or the head record beside the database does not reset the evidence', async () => {
    const { dbFile } = await dayOfWork();
    const { keyFile, headFile } = anchorFiles(dbFile);
    const head = fs.readFileSync(headFile);
    fs.rmSync(headFile);
    expect((await verify(dbFile)).stderr).toMatch(/head record is missing/);
    fs.writeFileSync(headFile, head);
    const forged = JSON.parse(head.toString()) as { seq: number };
    fs.writeFileSync(headFile, JSON.stringify({ ...forged, seq: forged.seq - 2 }));
    expect((await verify(dbFile)).stderr).toMatch(/signature does not match/);
    fs.writeFileSync(headFile, head);
    fs.rmSync(keyFile);
    expect((await verify(dbFile)).stderr).toMatch(/journal key is missing/);
  });
});
