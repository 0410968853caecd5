// Crash-harness child (issue #4 §7): runs a deterministic workload of counter payments + sync against
// the simulator (which lives in the parent and survives), on a file database. The parent SIGKILLs it at
// random wall-clock points; it can also kill itself right after the N-th SQLite commit or around the
// N-th node call (CRASH_AT_COMMIT / CRASH_AT_CALL + CRASH_CALL_PHASE), hitting the interesting windows.
// Every third unit of work is a cart of up to 5 notices (issue #12 §2), alternately cash and card: all
// verified and activated concurrently, one collection for the total, one outcome per token.
// Every 4th single notice is paid by card on a fake terminal that, like a real one, remembers its approvals
// outside this process (TERMINAL_LOG, one JSON line per approval) — so a kill between the approval and
// its commit is visible afterwards, as it is to a clerk reading the terminal's journal.
// MODE=contend is a second program started while another child works: it must be refused the database
// (writer lock) while that child lives; if that child is already gone, it gets the lock and just leaves.
//   env: DB, NODE_URL, SEED, NOTICES, BATCH, MODE=work|final|contend, CRASH_AT_COMMIT, CRASH_AT_CALL,
//        CRASH_CALL_PHASE, TERMINAL_LOG
import { parseConfig } from '../../src/main/core/config/load';
import { createNodeClientFromConfig } from '../../src/main/core/node/from-config';
import { createMilClientFromConfig } from '../../src/main/core/mil/from-config';
import { PaymentEngine } from '../../src/main/core/payments/engine';
import type { PaymentNode } from '../../src/main/core/payments/node-port';
import { SyncWorker } from '../../src/main/core/payments/sync-worker';
import fs from 'node:fs';
import type { CardTerminalPort } from '../../src/main/core/payments/card';
import { openDatabase, type Db } from '../../src/main/core/store/database';
import { StoreError } from '../../src/main/core/store/errors';
import { generatePositions } from '../../src/main/node-sim/simulator';
import { CartStore } from '../../src/main/core/sale/cart-store';
import type { SportelloConfig } from '../../src/main/core/config/schema';

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
    ...(node.outcomeScope ? { outcomeScope: node.outcomeScope } : {}),
    verifyPaymentNotice: wrap(node.verifyPaymentNotice.bind(node)),
    activatePaymentNotice: wrap(node.activatePaymentNotice.bind(node)),
    sendPaymentOutcome: wrap(node.sendPaymentOutcome.bind(node)),
  };
}

/** A card terminal whose memory (its approvals) survives this process, like the real device. */
function fakeTerminal(logFile: string): CardTerminalPort {
  const approvals = () =>
    fs.existsSync(logFile)
      ? fs
          .readFileSync(logFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { reference: string; amountCents: number; authCode: string })
      : [];
  return {
    async pay(amountCents, reference) {
      await new Promise((r) => setTimeout(r, 5));
      const authCode = `A${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
      fs.appendFileSync(logFile, `${JSON.stringify({ reference, amountCents, authCode })}\n`);
      return { kind: 'approved', amountCents, reference, authCode, stan: '000001', maskedPan: '************4242', terminalId: 'TID00001', at: new Date().toISOString() };
    },
    async lastResult() {
      const last = approvals().at(-1);
      return last
        ? { kind: 'approved', amountCents: last.amountCents, reference: last.reference, authCode: last.authCode, stan: '000001', maskedPan: '************4242', terminalId: 'TID00001', at: '' }
        : null;
    },
  };
}

function openWriter(): Db | null {
  try {
    return openDatabase(env.DB as string, { writer: { command: `crash-child ${env.MODE ?? 'work'}` } });
  } catch (err) {
    if (env.MODE === 'contend' && err instanceof StoreError && err.kind === 'in-use') return null;
    throw err;
  }
}

/** MODE=contend: wait (modules loaded) until the harness says "go", then try the database at once. */
async function waitForGo(): Promise<void> {
  for await (const chunk of process.stdin) if (String(chunk).includes('go')) return;
}

async function main(): Promise<void> {
  if (env.MODE === 'contend') await waitForGo();
  const config = parseConfig({
    node: { url: env.NODE_URL, timeouts: { verifyMs: 400, activateMs: 400, outcomeMs: 400 } },
    // UPSTREAM=mil (issue #14): the same work through the MIL simulator in front of the node.
    ...(env.UPSTREAM === 'mil' ? { upstream: { kind: 'mil', mil: { url: env.MIL_URL, authUrl: env.MIL_AUTH_URL, timeouts: { tokenMs: 600, verifyMs: 600, activateMs: 600, outcomeMs: 600 } } } } : {}),
    offline: { maxTotalCents: 100_000_000, maxAmountCents: 100_000 },
  });
  const db = openWriter();
  if (!db) {
    // Refused at once while the other child holds the database: nothing of it was touched.
    process.stdout.write(JSON.stringify({ contended: 'refused' }));
    return;
  }
  if (env.MODE === 'contend') {
    // The other child had already ended (killed or done): the lock was free, as it must be. Nothing to do.
    process.stdout.write(JSON.stringify({ contended: 'acquired' }));
    db.close();
    return;
  }
  process.stdout.write(`${JSON.stringify({ lock: 'holding' })}\n`);
  const terminal = fakeTerminal(env.TERMINAL_LOG as string);
  const client = config.upstream.kind === 'mil' ? createMilClientFromConfig(config) : createNodeClientFromConfig(config);
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
      // A card charge cut short by a kill before its approval was committed: the person reads the
      // terminal's journal (here: its log) and says whether the card was charged.
      const charged = new Set(
        fs.existsSync(env.TERMINAL_LOG as string)
          ? fs
              .readFileSync(env.TERMINAL_LOG as string, 'utf8')
              .split('\n')
              .filter(Boolean)
              .map((l) => (JSON.parse(l) as { reference: string }).reference)
          : [],
      );
      // A cart's charge is referenced by the cart id: every notice of a charged cart was charged.
      for (const p of engine.exceptions())
        if (p.exceptionKind === 'collection-unknown')
          await engine.resolveException(p.id, charged.has(p.cartId ?? p.id) ? 'mark-collected' : 'mark-not-collected', 'terminal journal checked', 'harness');
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
  const carts = new CartStore(db, () => Date.now());
  const handled = (noticeNumber: string) => {
    const rows = db.prepare(`SELECT state FROM payments WHERE notice_number = ? AND state NOT IN ('verified','captured')`).all(noticeNumber) as { state: string }[];
    return { handled: rows.some((r) => r.state !== 'voided'), cancelledBefore: rows.some((r) => r.state === 'voided') };
  };
  let done = 0;
  let unit = 0;
  for (let i = 0; i < positions.length && done < batch; i += 1) {
    const pos = positions[i]!;
    const h = handled(pos.noticeNumber);
    if (h.handled) continue;
    done += 1;
    unit += 1;
    if (unit % 3 === 0) {
      const group = positions.slice(i, i + 5).filter((p) => !handled(p.noticeNumber).handled);
      i += 4;
      await payCart(engine, carts, config, terminal, group, unit % 2 === 0 ? 'card' : 'cash', h.cancelledBefore);
      continue;
    }
    const q = await engine.lookup({ noticeNumber: pos.noticeNumber, fiscalCode: pos.fiscalCode, amountCents: pos.amountCents, format: 'qr' }, { operatorId: 'op', mode: 'counter' });
    if (q.kind === 'refused') continue;
    const b = await engine.begin(q.paymentId, i % 4 === 1 ? 'card' : 'cash');
    if (b.kind === 'refused') continue;
    // Every 5th notice: the citizen walks away once after activation (outcome KO), pays on a later visit.
    if (b.kind === 'activated' && i % 5 === 2 && !h.cancelledBefore) {
      await engine.cancel(b.payment.id, 'walked away', 'op');
      continue;
    }
    const p = b.payment;
    if (p.method === 'card') {
      const r = await engine.collectCard(p.id, terminal);
      if (r.kind !== 'approved') continue;
    } else engine.collectCash(p.id, (p.amountCents ?? 0) + p.feeCents + (i % 3) * 100);
    await engine.settle(p.id);
  }
  await worker.runOnce({ force: true });
  process.stdout.write(JSON.stringify({ done }));
  await client.close();
  db.close();
}

/** A cart as CartSales runs it (without the counter's operator/shift rules, which are not under test here). */
async function payCart(
  engine: PaymentEngine,
  carts: CartStore,
  config: SportelloConfig,
  terminal: CardTerminalPort,
  group: readonly { noticeNumber: string; fiscalCode: string; amountCents: number }[],
  method: 'cash' | 'card',
  walkAwayAllowed: boolean,
): Promise<void> {
  if (group.length === 0) return;
  const cart = carts.create(config.terminal.id, 'counter', 'op');
  const quotes = await Promise.all(
    group.map((pos) =>
      engine.lookup({ noticeNumber: pos.noticeNumber, fiscalCode: pos.fiscalCode, amountCents: pos.amountCents, format: 'qr' }, { operatorId: 'op', mode: 'counter' }, { cartId: cart.id }),
    ),
  );
  const quoted = quotes.flatMap((q) => (q.kind === 'refused' ? [] : [q.paymentId]));
  const begun = await Promise.all(quoted.map((id) => engine.begin(id, method)));
  const ready = begun.flatMap((b) => (b.kind === 'refused' ? [] : [b.payment]));
  // Quotes left behind by a refused activation (an offline card, say) are dropped, as the clerk would.
  for (const id of quoted) if (engine.get(id)?.state === 'captured' && !ready.some((p) => p.id === id)) await engine.cancel(id, 'dropped from the cart', 'op');
  if (ready.length === 0) return;
  if (walkAwayAllowed === false && ready.length > 1 && group.length % 2 === 0 && ready.every((p) => p.state === 'activated')) {
    // Sometimes the family leaves before paying: every activated token gets its KO.
    for (const p of ready) await engine.cancel(p.id, 'cart abandoned', 'op');
    return;
  }
  const ids = ready.map((p) => p.id);
  if (method === 'card') {
    const r = await engine.collectCardTogether(ids, terminal, cart.id);
    if (r.kind !== 'approved') return;
  } else {
    const total = ready.reduce((s, p) => s + (p.amountCents ?? 0) + p.feeCents, 0);
    engine.collectCashTogether(ids, total + 500, (change) => carts.markCollected(cart.id, 'op', { tenderedCents: total + 500, changeCents: change }));
  }
  await Promise.all(ids.map((id) => engine.settle(id)));
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
