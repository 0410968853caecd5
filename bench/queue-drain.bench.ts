// Issue #4 §8: drain N (default 10,000) queued offline payments against the simulator on loopback
// (verify → activate → outcome OK each, every step committed with its journal entry): payments/s and
// peak RSS. The simulator runs in this process too (both share the 2 cores).
//   node scripts/run-ts.mjs bench/queue-drain.bench.ts [count] [concurrency]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../src/main/core/config/load';
import { createNodeClientFromConfig } from '../src/main/core/node/from-config';
import { PaymentEngine } from '../src/main/core/payments/engine';
import { SyncWorker } from '../src/main/core/payments/sync-worker';
import { openDatabase } from '../src/main/core/store/database';
import { insertOfflineQueued } from './offline-fixtures';
import { generatePositions, startNodeSimulator } from '../src/main/node-sim/simulator';

const N = Number(process.argv[2] ?? 10_000);
const CONCURRENCY = Number(process.argv[3] ?? 4);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-drain-'));
  const positions = generatePositions(N, 4242);
  const sim = await startNodeSimulator({ port: 0, seed: positions });
  const config = parseConfig({ node: { url: sim.soapUrl } });
  const db = openDatabase(path.join(dir, 'drain.db'));
  const client = createNodeClientFromConfig(config);
  const engine = new PaymentEngine({ db, node: client, config });
  // Queue N offline cash payments (one transaction: setting up is not what is measured).
  const tq = performance.now();
  insertOfflineQueued(db, positions);
  const queuedS = (performance.now() - tq) / 1000;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const worker = new SyncWorker({ engine, concurrency: CONCURRENCY });
  const t0 = performance.now();
  const r = await worker.runOnce();
  const secs = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const ledger = sim.ledger();
  const okOnce = new Set(ledger.map((l) => l.paymentToken)).size === ledger.length;
  process.stdout.write(
    [
      `queue drain: ${N} offline payments, concurrency ${CONCURRENCY}, simulator on loopback (same process), ${os.cpus().length} cores`,
      `  queued in ${queuedS.toFixed(1)} s (one transaction)`,
      `  drained ${r.confirmed} confirmed, ${r.pending} pending, ${r.exceptions} exceptions in ${secs.toFixed(1)} s → ${(r.confirmed / secs).toFixed(0)} payments/s`,
      `  node ledger ${ledger.length} outcomes, one per token: ${okOnce}`,
      `  peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB`,
    ].join('\n') + '\n',
  );
  await client.close();
  await sim.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
