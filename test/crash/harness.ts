// Crash harness parent (issue #4 §7). The simulator runs here — it is "the node" and survives every kill —
// with seeded random faults and latencies. A child (child.ts, bundled once) runs payments + sync on a file
// database and is SIGKILLed at a seeded random point: after the N-th commit, around the N-th node call,
// or after a wall-clock delay. After every kill it is restarted; at the end a clean child runs a full
// sync and the invariants are checked against the simulator's ledger.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { verifyJournal } from '../../src/main/core/journal/journal';
import { startMilSimulator, type MilSimulator } from '../../src/main/mil-sim/simulator';
import { generatePositions, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { seededRandom } from '../../src/main/node-sim/seed';

export type CampaignOptions = {
  iterations: number;
  seed: number;
  notices?: number;
  batch?: number;
  onProgress?: (i: number, kills: number) => void;
  /** 'mil' (issue #14): the children reach the node through the MIL simulator in front of it. */
  upstream?: 'node' | 'mil';
};
export type CampaignReport = {
  iterations: number;
  kills: number;
  cleanExits: number;
  killsBy: Record<string, number>;
  payments: number;
  /** Carts the children opened, and the payments (notices) that were part of one. */
  carts: { carts: number; notices: number };
  ledger: number;
  /** Second programs started on the same database while a child worked: refused, or took over after it ended. */
  contention: { refused: number; acquired: number };
  /** Card approvals the terminal gave, and how many of them the database recorded. */
  cardApprovals: { terminal: number; recorded: number };
  violations: string[];
  childFailures: string[];
  /** With upstream 'mil': the MIL transactions the campaign left (all must be CLOSED). */
  mil?: { transactions: number; carts: number };
};

const root = path.resolve(__dirname, '..', '..');

let bundled: Promise<string> | null = null;
/** Bundles child.ts once per process (scripts/run-ts.mjs bundleTs), so each start is plain `node x.cjs`. */
export function childBundle(): Promise<string> {
  bundled ??= (async () => {
    const mod = (await import(path.join(root, 'scripts', 'run-ts.mjs'))) as { bundleTs: (entry: string) => Promise<string> };
    return mod.bundleTs('test/crash/child.ts');
  })();
  return bundled;
}

type ChildResult = { code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string };

/** A second program, started and loaded in advance, that tries the database the moment it is told "go". */
function startContender(bundle: string, env: Record<string, string>): { go(): void; result: Promise<ChildResult> } {
  const child = spawn(process.execPath, [bundle], { env: { ...process.env, ...env, MODE: 'contend' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const result = new Promise<ChildResult>((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stderr, stdout });
    }),
  );
  let sent = false;
  return {
    go() {
      if (sent) return;
      sent = true;
      child.stdin.end('go\n');
    },
    result,
  };
}

function runChild(bundle: string, env: Record<string, string>, killAfterMs: number | null, onHolding?: () => void): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      // The child announces it holds the database (writer lock taken): a contender may start now.
      if (onHolding && stdout.includes('"holding"')) {
        onHolding();
        onHolding = undefined;
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    // Safety net: a child must never outlive its slot.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      resolve({ code, signal, stderr, stdout });
    });
  });
}

/**
 * With MIL, faults on the terminal↔MIL link (answers lost after MIL processed the call, hangs, 5xx) and on the
 * node for verify/activate. Not on the node's sendPaymentOutcome: MIL resends a close without an idempotency key,
 * so a close the node took but whose answer MIL lost comes back as ERROR_ON_RESULT (a person's task, by MIL's
 * design; test/node/mil-client.test.ts "known MIL ambiguity").
 */
function armMilFaults(sim: NodeSimulator, mil: MilSimulator): void {
  sim.clearFaults();
  mil.clearFaults();
  sim.setFault({ operation: '*', kind: 'latency', latencyMs: 3, probability: 0.3 });
  sim.setFault({ operation: 'verifyPaymentNotice', kind: 'reset', probability: 0.08 });
  sim.setFault({ operation: 'activatePaymentNotice', kind: 'process-then-reset', probability: 0.08 });
  for (const operation of ['verify', 'activate', 'preClose', 'close', 'status', 'abort'] as const) mil.setFault({ operation, kind: 'drop-after', probability: 0.06 });
  mil.setFault({ operation: 'close', kind: 'hang', probability: 0.03 });
  mil.setFault({ operation: 'preClose', kind: 'status', status: 503, probability: 0.03 });
  mil.setFault({ operation: 'token', kind: 'status', status: 500, errors: ['009000099'], probability: 0.02 });
}

function armFaults(sim: NodeSimulator): void {
  sim.clearFaults();
  sim.setFault({ operation: '*', kind: 'latency', latencyMs: 3, probability: 0.3 });
  sim.setFault({ operation: 'verifyPaymentNotice', kind: 'reset', probability: 0.08 });
  sim.setFault({ operation: 'activatePaymentNotice', kind: 'process-then-reset', probability: 0.08 });
  sim.setFault({ operation: 'sendPaymentOutcome', kind: 'process-then-reset', probability: 0.1 });
  sim.setFault({ operation: '*', kind: 'http503', probability: 0.03 });
}

export async function runCrashCampaign(opts: CampaignOptions): Promise<CampaignReport> {
  const rnd = seededRandom(opts.seed);
  // Enough notices that the workload never runs dry: every run has fresh payments to be killed in.
  const notices = opts.notices ?? Math.max(40, opts.iterations * 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-crash-'));
  const dbFile = path.join(dir, 'crash.db');
  const sim = await startNodeSimulator({ port: 0, seed: generatePositions(notices, opts.seed), random: seededRandom(opts.seed + 1) });
  const mil = opts.upstream === 'mil' ? await startMilSimulator({ nodeUrl: sim.soapUrl, nodeTimeoutMs: 300, random: seededRandom(opts.seed + 2) }) : null;
  const bundle = await childBundle();
  const terminalLog = path.join(dir, 'terminal.jsonl');
  const baseEnv = {
    DB: dbFile,
    NODE_URL: sim.soapUrl,
    SEED: String(opts.seed),
    NOTICES: String(notices),
    BATCH: String(opts.batch ?? 3),
    TERMINAL_LOG: terminalLog,
    ...(mil ? { UPSTREAM: 'mil', MIL_URL: mil.url, MIL_AUTH_URL: mil.authUrl } : {}),
  };
  const report: CampaignReport = {
    iterations: opts.iterations,
    kills: 0,
    cleanExits: 0,
    killsBy: { commit: 0, 'call-before': 0, 'call-after': 0, clock: 0 },
    payments: 0,
    carts: { carts: 0, notices: 0 },
    ledger: 0,
    contention: { refused: 0, acquired: 0 },
    cardApprovals: { terminal: 0, recorded: 0 },
    violations: [],
    childFailures: [],
  };
  try {
    if (mil) armMilFaults(sim, mil);
    else armFaults(sim);
    for (let i = 0; i < opts.iterations; i += 1) {
      const pick = rnd();
      const env: Record<string, string> = { ...baseEnv, MODE: 'work' };
      let wall: number | null = null;
      let how: string;
      if (pick < 0.4) {
        how = 'commit';
        env.CRASH_AT_COMMIT = String(1 + Math.floor(rnd() * 25));
      } else if (pick < 0.75) {
        how = rnd() < 0.5 ? 'call-before' : 'call-after';
        env.CRASH_AT_CALL = String(1 + Math.floor(rnd() * 12));
        env.CRASH_CALL_PHASE = how === 'call-before' ? 'before' : 'after';
      } else {
        how = 'clock';
        wall = 80 + Math.floor(rnd() * 400);
      }
      // About a third of the time a second program starts on the same database while the child works (during its
      // sync, its card charges, its payments): it must be refused while the child lives.
      const contender = rnd() < 0.35 ? startContender(bundle, baseEnv) : null;
      const delay = Math.floor(rnd() * 40);
      const r = await runChild(bundle, env, wall, contender ? () => setTimeout(() => contender.go(), delay) : undefined);
      if (contender) {
        contender.go();
        const c = await contender.result;
        if (c.code !== 0) report.childFailures.push(`iteration ${i} contender exit ${c.code}: ${c.stderr.split('\n').slice(0, 3).join(' | ')}`);
        else if (c.stdout.includes('"refused"')) report.contention.refused += 1;
        else report.contention.acquired += 1;
      }
      if (r.signal === 'SIGKILL') {
        report.kills += 1;
        report.killsBy[how] = (report.killsBy[how] ?? 0) + 1;
      } else if (r.code === 0) report.cleanExits += 1;
      else report.childFailures.push(`iteration ${i} (${how}) exit ${r.code}: ${r.stderr.split('\n').slice(0, 3).join(' | ')}`);
      opts.onProgress?.(i + 1, report.kills);
    }
    // Final: no faults, no kills, drain everything.
    sim.clearFaults();
    mil?.clearFaults();
    const fin = await runChild(bundle, { ...baseEnv, MODE: 'final' }, null);
    if (fin.code !== 0) report.childFailures.push(`final run exit ${fin.code}: ${fin.stderr.split('\n').slice(0, 3).join(' | ')}`);
    report.violations.push(...checkInvariants(dbFile, sim));
    report.violations.push(...checkCardApprovals(dbFile, terminalLog, report));
    if (mil) {
      report.violations.push(...checkMilTransactions(mil));
      // Carts collected online are one MIL transaction each, holding several tokens.
      report.mil = { transactions: mil.transactions().length, carts: mil.transactions().filter((t) => t.notices.length > 1).length };
    }
    const db = new Database(dbFile, { readonly: true });
    report.payments = (db.prepare('SELECT COUNT(*) AS n FROM payments').get() as { n: number }).n;
    report.carts = {
      carts: (db.prepare('SELECT COUNT(*) AS n FROM carts').get() as { n: number }).n,
      notices: (db.prepare('SELECT COUNT(*) AS n FROM payments WHERE cart_id IS NOT NULL').get() as { n: number }).n,
    };
    db.close();
    report.ledger = sim.ledger().length;
    return report;
  } finally {
    await mil?.close();
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Row = { id: string; state: string; payment_token: string | null; notice_number: string; amount_cents: number | null; outcome: string | null; exception_kind: string | null };

/** Exactly-once: every token has at most one outcome at the node, it matches the local record, and nothing is left activated. */
export function checkInvariants(dbFile: string, sim: NodeSimulator): string[] {
  const v: string[] = [];
  const db = new Database(dbFile, { readonly: true });
  try {
    const j = verifyJournal(db);
    if (!j.ok) v.push(`journal does not verify: ${j.reason}`);
    const rows = db.prepare('SELECT id, state, payment_token, notice_number, amount_cents, outcome, exception_kind FROM payments').all() as Row[];
    const byToken = new Map(rows.filter((r) => r.payment_token).map((r) => [r.payment_token as string, r]));
    const ledger = sim.ledger();
    const seen = new Map<string, number>();
    const okByNotice = new Map<string, number>();
    for (const e of ledger) {
      seen.set(e.paymentToken, (seen.get(e.paymentToken) ?? 0) + 1);
      if (e.outcome === 'OK') okByNotice.set(e.noticeNumber, (okByNotice.get(e.noticeNumber) ?? 0) + 1);
      const local = byToken.get(e.paymentToken);
      if (!local) {
        v.push(`ledger token ${e.paymentToken} (${e.outcome}) has no local payment`);
        continue;
      }
      const localOk = local.state === 'confirmed' || local.state === 'printed';
      if (e.outcome === 'OK' && !localOk) v.push(`${local.id}: node has OK but local state is ${local.state}`);
      if (e.outcome === 'KO' && localOk) v.push(`${local.id}: node has KO but local state is ${local.state}`);
      if (e.outcome === 'OK' && e.amountCents !== local.amount_cents) v.push(`${local.id}: node amount ${e.amountCents} ≠ local ${local.amount_cents}`);
    }
    for (const [t, n] of seen) if (n > 1) v.push(`token ${t} has ${n} outcomes at the node`);
    for (const [nn, n] of okByNotice) if (n > 1) v.push(`notice ${nn} was paid ${n} times`);
    for (const r of rows) {
      if ((r.state === 'confirmed' || r.state === 'printed') && (!r.payment_token || seen.get(r.payment_token) !== 1))
        v.push(`${r.id}: confirmed locally but the node has ${r.payment_token ? (seen.get(r.payment_token) ?? 0) : 0} outcomes`);
      if (['activating', 'activated', 'collecting', 'collected', 'cancelling', 'offline-queued'].includes(r.state)) v.push(`${r.id}: still ${r.state} after the final sync`);
      if (r.state === 'exception') v.push(`${r.id}: unexpected exception ${r.exception_kind}`);
    }
    for (const p of sim.positions()) if (p.lockedByToken) v.push(`position ${p.noticeNumber} is still activated (token ${p.lockedByToken}) without an outcome`);
  } finally {
    db.close();
  }
  return v;
}

/**
 * No approval lost: every approval the terminal gave is either recorded with its payment, or (a kill
 * between the terminal's approval and the commit) was flagged for a person, who found it in the
 * terminal's journal; either way the charged payment ends with exactly one outcome OK.
 */
export function checkCardApprovals(dbFile: string, terminalLog: string, report: CampaignReport): string[] {
  const v: string[] = [];
  const approvals = fs.existsSync(terminalLog)
    ? fs
        .readFileSync(terminalLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { reference: string; authCode: string })
    : [];
  const db = new Database(dbFile, { readonly: true });
  try {
    // A cart's charge is referenced by the cart id and recorded once per notice (its share).
    const recorded = db.prepare('SELECT a.payment_id, a.auth_code, p.cart_id FROM card_approvals a JOIN payments p ON p.id = a.payment_id').all() as {
      payment_id: string;
      auth_code: string;
      cart_id: string | null;
    }[];
    report.cardApprovals = { terminal: approvals.length, recorded: recorded.length };
    const charged = db.prepare('SELECT id, state FROM payments WHERE id = ? OR (cart_id = ? AND collected_at IS NOT NULL)');
    for (const a of approvals) {
      const rows = charged.all(a.reference, a.reference) as { id: string; state: string }[];
      if (rows.length === 0) v.push(`terminal approval ${a.authCode} for ${a.reference}: no such payment`);
      for (const row of rows) if (row.state !== 'confirmed' && row.state !== 'printed') v.push(`terminal approval ${a.authCode}: payment ${row.id} (${a.reference}) ended ${row.state}`);
    }
    for (const r of recorded)
      if (!approvals.some((a) => a.reference === (r.cart_id ?? r.payment_id) && a.authCode === r.auth_code)) v.push(`recorded approval ${r.auth_code} for ${r.payment_id} the terminal never gave`);
  } finally {
    db.close();
  }
  return v;
}

/** MIL (issue #14): no transaction left open (PRE_CLOSE) or refused, and no close sent to the node twice. */
export function checkMilTransactions(mil: MilSimulator): string[] {
  const v: string[] = [];
  for (const t of mil.transactions()) {
    if (t.status !== 'CLOSED') v.push(`MIL transaction ${t.transactionId} ended ${t.status}`);
    if (t.closesSent > 1) v.push(`MIL transaction ${t.transactionId}: ${t.closesSent} closes sent to the node`);
  }
  return v;
}
