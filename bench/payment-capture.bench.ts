// Issue #4 §8: durable payment capture latency (p50/p99) versus a bare fsync'd SQLite insert on the
// same disk, in the same run. The ratio is the figure. Capture = the offline cash path a clerk waits on:
// lookup row + method + the collection commit that must land before the drawer opens (3 commits, each
// with its journal entry); "collect" is that last commit alone.
//   node scripts/run-ts.mjs bench/payment-capture.bench.ts [count]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { ManualClock } from '../src/common/clock';
import { parseConfig } from '../src/main/core/config/load';
import { PaymentEngine } from '../src/main/core/payments/engine';
import { FakeNode } from '../src/main/core/payments/testing/fake-node';
import { openDatabase } from '../src/main/core/store/database';

const N = Number(process.argv[2] ?? 2000);
const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'sportello-capture-'));

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}
const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;

async function main(): Promise<void> {
  // Bare baseline: WAL + synchronous=FULL, one small row per transaction.
  const bare = new Database(path.join(dir, 'bare.db'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER)');
  const ins = bare.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
  const one = bare.transaction((i: number) => ins.run(`row-${i}`, i));
  const bareMs: number[] = [];
  const clock = new ManualClock();
  const node = new FakeNode(clock);
  node.down = true; // offline: no network in the measurement, only the durable commits
  const config = parseConfig({ offline: { maxTotalCents: Number.MAX_SAFE_INTEGER, maxAmountCents: 1_000_000 } });
  const db = openDatabase(path.join(dir, 'engine.db'));
  const engine = new PaymentEngine({ db, node, config, clock });
  const captureMs: number[] = [];
  const collectMs: number[] = [];
  // Commits (each one fsync of the WAL under synchronous=FULL) made by the collection itself: the writer
  // lock is taken once when the database opens, so it must add none (issue #9: the collect stays one).
  let commits = 0;
  let collectCommits = 0;
  engine.onCommit = () => {
    commits += 1;
  };
  // Interleaved, so both see the same disk and machine load.
  for (let i = 0; i < N; i += 1) {
    const tb = performance.now();
    one.immediate(i);
    bareMs.push(performance.now() - tb);
    const t0 = performance.now();
    const q = await engine.lookup({ noticeNumber: `3470${String(i).padStart(14, '0')}`, fiscalCode: '99999999990', amountCents: 1_000 + i }, { operatorId: 'op', mode: 'counter' });
    if (q.kind !== 'offline') throw new Error('expected offline');
    await engine.begin(q.paymentId, 'cash');
    const before = commits;
    const t1 = performance.now();
    engine.collectCash(q.paymentId, 1_200 + i);
    const t2 = performance.now();
    collectCommits += commits - before;
    captureMs.push(t2 - t0);
    collectMs.push(t2 - t1);
  }
  db.close();
  bare.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const rows = [
    ['bare fsync insert (1 commit)', bareMs],
    ['collect commit (drawer waits on this)', collectMs],
    ['full offline capture (3 commits)', captureMs],
  ] as const;
  const out = [`payment capture latency, ${N} payments, WAL + synchronous=FULL, ${os.cpus().length} cores`];
  for (const [name, xs] of rows) out.push(`  ${name.padEnd(40)} p50 ${fmt(pct(xs, 50)).padStart(8)}  p99 ${fmt(pct(xs, 99)).padStart(8)}`);
  out.push(`  ratio collect/bare: p50 ${(pct(collectMs, 50) / pct(bareMs, 50)).toFixed(2)}×, p99 ${(pct(collectMs, 99) / pct(bareMs, 99)).toFixed(2)}×`);
  out.push(`  commits per collection: ${(collectCommits / N).toFixed(2)} (the writer lock is held from open; it adds no commit or fsync)`);
  out.push(`  ratio capture/bare: p50 ${(pct(captureMs, 50) / pct(bareMs, 50)).toFixed(2)}×, p99 ${(pct(captureMs, 99) / pct(bareMs, 99)).toFixed(2)}×`);
  process.stdout.write(`${out.join('\n')}\n`);
}

void main();
