// Crash-harness child (issue #4 §7): runs a deterministic workload of counter payments + sync against
// the simulator (which lives in the parent and survives), on a file database. The parent SIGKILLs it at
// random wall-clock points; it can also kill itself right after the N-th SQLite commit or around the
// N-th node call (CRASH_AT_COMMIT / CRASH_AT_CALL + CRASH_CALL_PHASE), hitting the interesting windows.
//   env: DB, NODE_URL, SEED, NOTICES, BATCH, MODE=work|final, CRASH_AT_COMMIT, CRASH_AT_CALL, CRASH_CALL_PHASE
import { parseConfig } from '../../src/main/core/config/load';
import { createNodeClientFromConfig } from '../../src/main/core/node/from-config';
import { PaymentEngine } from '../../src/main/core/payments/engine';
import type { PaymentNode } from '../../src/main/core/payments/node-port';
import { SyncWorker } from '../../src/main/core/payments/sync-worker';
import { openDatabase } from '../../src/main/core/store/database';
import { generatePositions } from '../../src/main/node-sim/simulator';

const env = process.env;
const die = () => process.kill(process.pid, 'SIGKILL');

function withCallHook(node: PaymentNode, at: number, phase: string): PaymentNode {
  let n = 0;
  const wrap =
    <A, R>(fn: (a: A) => Promise<R>) =>
    async (a: A): Promise<R> => {
      n += 1;
      const mine = n;
      if (mine === at && phase === 'before') die();
      const r = await fn(a);
      if (mine === at) die(); // 'after': the node answered, nothing of it was committed yet
      return r;
    };
  return {
    verifyPaymentNotice: wrap(node.verifyPaymentNotice.bind(node)),
    activatePaymentNotice: wrap(node.activatePaymentNotice.bind(node)),
    sendPaymentOutcome: wrap(node.sendPaymentOutcome.bind(node)),
  };
}

async function main(): Promise<void> {
  const config = parseConfig({
    node: { url: env.NODE_URL, timeouts: { verifyMs: 400, activateMs: 400, outcomeMs: 400 } },
    offline: { maxTotalCents: 100_000_000, maxAmountCents: 100_000 },
  });
  const db = openDatabase(env.DB as string);
  const client = createNodeClientFromConfig(config);
  const atCall = Number(env.CRASH_AT_CALL ?? 0);
  const node = atCall > 0 ? withCallHook(client, atCall, env.CRASH_CALL_PHASE ?? 'after') : client;
  const engine = new PaymentEngine({ db, node, config });
  const atCommit = Number(env.CRASH_AT_COMMIT ?? 0);
  let commits = 0;
  if (atCommit > 0)
    engine.onCommit = () => {
      commits += 1;
      if (commits === atCommit) die();
    };
  const worker = new SyncWorker({ engine, concurrency: 3 });
  // Recover first, like the app does at start-up.
  await worker.runOnce({ force: true });

  if (env.MODE === 'final') {
    for (let pass = 0; pass < 20; pass += 1) {
      for (const p of engine.exceptions()) if (p.exceptionKind === 'outcome-undelivered') engine.resetOutcomeAttempts(p.id, 'harness');
      const r = await worker.runOnce({ force: true });
      if (r.online && r.pending === 0 && !engine.exceptions().some((p) => p.exceptionKind === 'outcome-undelivered')) break;
    }
    process.stdout.write(JSON.stringify({ final: engine.queueSnapshot().pendingCount }));
    await client.close();
    db.close();
    return;
  }

  const positions = generatePositions(Number(env.NOTICES ?? 40), Number(env.SEED ?? 1));
  const batch = Number(env.BATCH ?? 4);
  let done = 0;
  for (const [i, pos] of positions.entries()) {
    if (done >= batch) break;
    const rows = db.prepare(`SELECT state FROM payments WHERE notice_number = ? AND state NOT IN ('verified','captured')`).all(pos.noticeNumber) as { state: string }[];
    const cancelledBefore = rows.some((r) => r.state === 'voided');
    if (rows.some((r) => r.state !== 'voided')) continue;
    done += 1;
    const q = await engine.lookup({ noticeNumber: pos.noticeNumber, fiscalCode: pos.fiscalCode, amountCents: pos.amountCents, format: 'qr' }, { operatorId: 'op', mode: 'counter' });
    if (q.kind === 'refused') continue;
    const b = await engine.begin(q.paymentId, 'cash');
    if (b.kind === 'refused') continue;
    // Every 5th notice: the citizen walks away once after activation (outcome KO), pays on a later visit.
    if (b.kind === 'activated' && i % 5 === 2 && !cancelledBefore) {
      await engine.cancel(b.payment.id, 'walked away', 'op');
      continue;
    }
    const p = b.payment;
    engine.collectCash(p.id, (p.amountCents ?? 0) + p.feeCents + (i % 3) * 100);
    await engine.settle(p.id);
  }
  await worker.runOnce({ force: true });
  process.stdout.write(JSON.stringify({ done }));
  await client.close();
  db.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
