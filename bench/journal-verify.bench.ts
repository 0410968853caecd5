// Journal tamper evidence costs (issue #10 §1): start-up verification on 1,000,000 journal entries
// (incremental, against the signed head; and the full walk `journal verify` does), and what the keyed
// anchor adds to a payment commit. Real SQLite file, production pragmas.
//   node scripts/run-ts.mjs bench/journal-verify.bench.ts [N=1000000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendJournal, verifyJournal } from '../src/main/core/journal/journal';
import { currentHead, loadJournalKey, startJournalGuard, writeJournalHead } from '../src/main/core/journal/journal-anchor';
import { openDatabase, writeTransaction } from '../src/main/core/store/database';

const N = Number(process.argv[2] ?? 1_000_000);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const out = (s: string) => process.stdout.write(`journal-verify: ${s}\n`);

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-bench-journal-'));
  const file = path.join(dir, 'sportello.db');
  try {
    const db = openDatabase(file);
    const now = () => new Date().toISOString();
    const append = (type: string, data: Record<string, unknown>) => writeTransaction(db, () => appendJournal(db, { type, data }));
    startJournalGuard(db, file, now, append); // first run: key + anchor on an empty journal
    let t0 = process.hrtime.bigint();
    const batch = 10_000;
    for (let done = 0; done < N; done += batch) {
      writeTransaction(db, () => {
        for (let i = 0; i < Math.min(batch, N - done); i++)
          appendJournal(db, {
            type: 'payment.state',
            paymentId: `T01-${String(done + i).padStart(7, '0')}`,
            operatorId: 'mario',
            data: { from: 'activated', to: 'collected', amountCents: 12_350, feeCents: 200 },
          });
      });
    }
    out(`built ${N} entries in ${(ms(t0) / 1000).toFixed(1)} s (${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MB)`);

    // The full walk (journal verify, and the first start of a database from before issue #10).
    t0 = process.hrtime.bigint();
    const full = verifyJournal(db);
    out(`full chain walk (journal verify) over ${full.count} entries: ${ms(t0).toFixed(0)} ms`);

    // Clean shutdown anchors the head; the next start verifies only what came after it.
    const key = loadJournalKey(file, { create: false })!;
    writeJournalHead(file, key, currentHead(db, now()));
    t0 = process.hrtime.bigint();
    const g = startJournalGuard(db, file, now, append);
    out(`start-up check after a clean close (anchor at the head): ${ms(t0).toFixed(1)} ms, ok=${String(g.integrity().ok)}`);

    // After a crash the anchor is the previous start's: the start-up check walks the day since then.
    const day = 2_000;
    writeTransaction(db, () => {
      for (let i = 0; i < day; i++) appendJournal(db, { type: 'payment.state', paymentId: `T01-x${i}`, data: { to: 'collected' } });
    });
    t0 = process.hrtime.bigint();
    const g2 = startJournalGuard(db, file, now, append);
    out(`start-up check after a crash (${day} entries since the last anchor): ${ms(t0).toFixed(1)} ms, ok=${String(g2.integrity().ok)}`);

    // Cost on a payment commit: the chain entry is SHA-256 as before; the keyed MAC is per anchor (start-up,
    // Z report, close), not per commit. Measured: a commit with its journal entry, and one anchor write.
    const commits = 2_000;
    t0 = process.hrtime.bigint();
    for (let i = 0; i < commits; i++) writeTransaction(db, () => appendJournal(db, { type: 'payment.state', paymentId: `T01-c${i}`, data: { to: 'collected' } }));
    const perCommit = ms(t0) / commits;
    const anchors = 200;
    t0 = process.hrtime.bigint();
    for (let i = 0; i < anchors; i++) writeJournalHead(file, key, currentHead(db, now()));
    const perAnchor = ms(t0) / anchors;
    out(`payment commit with its journal entry (fsync): ${perCommit.toFixed(2)} ms; keyed anchor (HMAC + fsync'd head file): ${perAnchor.toFixed(2)} ms, paid per anchor, not per commit`);
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
