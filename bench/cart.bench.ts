// Issue #12 "Must show": time to quote and to activate a 5-notice cart with the simulator at 200 ms
// latency, as a ratio to one notice, measured side by side in this run (goal ≤ 1.5×). The cart verifies
// and activates its notices concurrently, so 5 notices should cost about one node round-trip.
//   node scripts/run-ts.mjs bench/cart.bench.ts [rounds=5]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../src/main/core/config/load';
import { createNodeClientFromConfig } from '../src/main/core/node/from-config';
import { PaymentEngine } from '../src/main/core/payments/engine';
import { CartStore } from '../src/main/core/sale/cart-store';
import { openDatabase } from '../src/main/core/store/database';
import { generatePositions, startNodeSimulator } from '../src/main/node-sim/simulator';

const ROUNDS = Number(process.argv[2] ?? 5);
const LATENCY_MS = 200;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const positions = generatePositions(ROUNDS * 6, 4242);
  const sim = await startNodeSimulator({ port: 0, seed: positions });
  sim.setFault({ operation: '*', kind: 'latency', latencyMs: LATENCY_MS });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-cart-bench-'));
  const db = openDatabase(path.join(dir, 'cart.db'));
  const config = parseConfig({ node: { url: sim.soapUrl } });
  const client = createNodeClientFromConfig(config);
  const engine = new PaymentEngine({ db, node: client, config });
  const carts = new CartStore(db, () => Date.now());
  const ctx = { operatorId: 'op', mode: 'counter' as const };
  const quote = { one: [] as number[], five: [] as number[] };
  const activate = { one: [] as number[], five: [] as number[] };
  try {
    for (let r = 0; r < ROUNDS; r += 1) {
      const group = positions.slice(r * 6, r * 6 + 6);
      // One notice, alone.
      const single = group[0]!;
      let t = performance.now();
      const q1 = await engine.lookup({ noticeNumber: single.noticeNumber, fiscalCode: single.fiscalCode }, ctx);
      quote.one.push(performance.now() - t);
      if (q1.kind !== 'online') throw new Error(`single quote ${q1.kind}`);
      t = performance.now();
      await engine.begin(q1.paymentId, 'cash');
      activate.one.push(performance.now() - t);
      await engine.cancel(q1.paymentId, 'bench');
      // Five notices in one cart, as CartSales runs them.
      const cart = carts.create(config.terminal.id, 'counter', 'op');
      t = performance.now();
      const qs = await Promise.all(group.slice(1).map((p) => engine.lookup({ noticeNumber: p.noticeNumber, fiscalCode: p.fiscalCode }, ctx, { cartId: cart.id })));
      quote.five.push(performance.now() - t);
      const ids = qs.map((q) => (q.kind === 'online' ? q.paymentId : null));
      if (ids.includes(null)) throw new Error('cart quote refused');
      t = performance.now();
      await Promise.all(ids.map((id) => engine.begin(id!, 'cash')));
      activate.five.push(performance.now() - t);
      for (const id of ids) await engine.cancel(id!, 'bench');
    }
  } finally {
    await client.close();
    await sim.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const line = (name: string, m: { one: number[]; five: number[] }) =>
    `  ${name.padEnd(9)} 1 notice ${median(m.one).toFixed(0).padStart(5)} ms   5 notices ${median(m.five).toFixed(0).padStart(5)} ms   ratio ${(median(m.five) / median(m.one)).toFixed(2)}×`;
  process.stdout.write(
    [
      `cart of 5 notices vs 1, simulator latency ${LATENCY_MS} ms per call, median of ${ROUNDS} rounds, ${os.cpus().length} cores`,
      line('quote', quote),
      line('activate', activate),
      `cart/1-notice ratio: quote ${(median(quote.five) / median(quote.one)).toFixed(2)}×, activate ${(median(activate.five) / median(activate.one)).toFixed(2)}× (goal ≤ 1.5×)`,
    ].join('\n') + '\n',
  );
}

void main();
