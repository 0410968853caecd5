// Issue #14: the cost of reaching pagoPA through MIL, as a ratio to the direct nodeForPsp path in the same run.
// The simulators run in child processes (`sportello node-sim`, `sportello mil-sim`, the latter with its own
// node simulator), so this process's CPU time is the client's own: request building, JSON/XML parsing, the HTTP
// client stack, the engine and SQLite.
//   1. client CPU per call: N payments (verify → activate → outcome) through each client, CPU ms / call
//      (MIL's outcome is 3 calls: preClose, close, status; its token is fetched once)
//   2. drain throughput: M queued offline payments drained by the sync worker (engine, SQLite, journal)
//   node scripts/run-ts.mjs bench/mil.bench.ts [payments=500] [drain=500] [concurrency=4]
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { parseConfig } from '../src/main/core/config/load';
import type { SportelloConfig } from '../src/main/core/config/schema';
import { createMilClientFromConfig } from '../src/main/core/mil/from-config';
import { createNodeClientFromConfig } from '../src/main/core/node/from-config';
import { makeIdempotencyKey } from '../src/main/core/node/idempotency';
import { PaymentEngine } from '../src/main/core/payments/engine';
import type { PaymentNode } from '../src/main/core/payments/node-port';
import { SyncWorker } from '../src/main/core/payments/sync-worker';
import { openDatabase } from '../src/main/core/store/database';
import { insertOfflineQueued } from './offline-fixtures';
import { autoCreatedPosition, BENCH_EC_FISCAL_CODE } from '../src/main/node-sim/seed';

const PAYMENTS = Number(process.argv[2] ?? 500);
const DRAIN = Number(process.argv[3] ?? 500);
const CONCURRENCY = Number(process.argv[4] ?? 4);
// Run from the repository root (as npm run bench does).
const BIN = path.resolve('bin', 'sportello');

/** Notices of the simulators' auto-create creditor: open on first use, amount derived from the digits. */
function notices(from: number, n: number) {
  return Array.from({ length: n }, (_v, i) => {
    const noticeNumber = `347${String(from + i).padStart(15, '0')}`;
    return autoCreatedPosition(BENCH_EC_FISCAL_CODE, noticeNumber);
  });
}

async function startChild(args: string[]): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = readline.createInterface({ input: child.stdout! });
  const lines: string[] = [];
  const want = args[0] === 'mil-sim' ? 2 : 1;
  await new Promise<void>((resolve) =>
    rl.on('line', (l) => {
      lines.push(l);
      if (lines.length === want) resolve();
    }),
  );
  return { child, lines };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function payments(node: PaymentNode, list: ReturnType<typeof notices>, withTotal: boolean): Promise<{ wall: number; cpu: number; failures: number }> {
  let next = 0;
  let failures = 0;
  const cpu0 = cpuMs();
  const t0 = performance.now();
  const worker = async () => {
    while (next < list.length) {
      const p = list[next++]!;
      await node.verifyPaymentNotice(p);
      const a = await node.activatePaymentNotice({ ...p, idempotencyKey: makeIdempotencyKey('88888888888'), paymentMethod: 'PO', touchPoint: 'TS' });
      if (a.outcome !== 'OK') {
        failures++;
        continue;
      }
      const details = {
        paymentMethod: 'cash',
        paymentChannel: 'frontOffice',
        feeCents: 200,
        applicationDate: '2026-11-27',
        transferDate: '2026-11-28',
        ...(withTotal ? { totalAmountCents: a.totalAmountCents } : {}),
      } as const;
      const o = await node.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: makeIdempotencyKey('88888888888'), details });
      if (o.outcome !== 'OK') failures++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { wall: (performance.now() - t0) / 1000, cpu: cpuMs() - cpu0, failures };
}

async function drain(config: SportelloConfig, node: PaymentNode, list: ReturnType<typeof notices>): Promise<{ secs: number; confirmed: number; other: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-mil-drain-'));
  const db = openDatabase(path.join(dir, 'drain.db'));
  const engine = new PaymentEngine({ db, node, config });
  insertOfflineQueued(db, list);
  const worker = new SyncWorker({ engine, concurrency: CONCURRENCY });
  const t0 = performance.now();
  const r = await worker.runOnce();
  const secs = (performance.now() - t0) / 1000;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { secs, confirmed: r.confirmed, other: r.pending + r.exceptions };
}

async function main(): Promise<void> {
  const nodeSim = await startChild(['node-sim', '--port', '0', '--seed', 'none']);
  const milSim = await startChild(['mil-sim', '--port', '0', '--token-lifetime-s', '3600']);
  try {
    const nodeUrl = `${nodeSim.lines[0]!.slice('listening on '.length)}/nodo-auth/node-for-psp/v1`;
    const urls = JSON.parse(milSim.lines[1]!) as { milUrl: string; milAuthUrl: string };
    const nodeConfig = parseConfig({ node: { url: nodeUrl } });
    const milConfig = parseConfig({ node: { url: nodeUrl }, upstream: { kind: 'mil', mil: { url: urls.milUrl, authUrl: urls.milAuthUrl } } });
    const soap = createNodeClientFromConfig(nodeConfig);
    const mil = createMilClientFromConfig(milConfig);

    // Warm-up (JIT, keep-alive sockets, MIL token), then the measured runs.
    await payments(soap, notices(900_000, 20), false);
    await payments(mil, notices(900_100, 20), true);
    const a = await payments(soap, notices(0, PAYMENTS), false);
    const b = await payments(mil, notices(100_000, PAYMENTS), true);
    const callsSoap = PAYMENTS * 3;
    const callsMil = PAYMENTS * 5; // verify, activate, preClose, close, status
    const out: string[] = [];
    out.push(`MIL vs nodeForPsp, simulators in child processes, ${PAYMENTS} payments each, concurrency ${CONCURRENCY}, ${os.cpus().length} cores`);
    out.push(
      `  nodeForPsp SOAP: ${(PAYMENTS / a.wall).toFixed(0)} payments/s · client CPU ${(a.cpu / callsSoap).toFixed(3)} ms/call, ${(a.cpu / PAYMENTS).toFixed(3)} ms/payment · failures ${a.failures}`,
    );
    out.push(
      `  MIL REST:        ${(PAYMENTS / b.wall).toFixed(0)} payments/s · client CPU ${(b.cpu / callsMil).toFixed(3)} ms/call, ${(b.cpu / PAYMENTS).toFixed(3)} ms/payment · failures ${b.failures}`,
    );
    out.push(`  ratio MIL/SOAP: CPU per call ${(b.cpu / callsMil / (a.cpu / callsSoap)).toFixed(2)} · CPU per payment ${(b.cpu / a.cpu).toFixed(2)} · throughput ${(a.wall / b.wall).toFixed(2)}`);

    const d1 = await drain(nodeConfig, soap, notices(200_000, DRAIN));
    const d2 = await drain(milConfig, mil, notices(300_000, DRAIN));
    out.push(`queue drain, ${DRAIN} offline payments each (sync worker, SQLite, journal):`);
    out.push(`  nodeForPsp SOAP: ${(d1.confirmed / d1.secs).toFixed(0)} payments/s (${d1.confirmed} confirmed, ${d1.other} not)`);
    out.push(`  MIL REST:        ${(d2.confirmed / d2.secs).toFixed(0)} payments/s (${d2.confirmed} confirmed, ${d2.other} not)`);
    out.push(`  ratio MIL/SOAP throughput: ${(d2.confirmed / d2.secs / (d1.confirmed / d1.secs)).toFixed(2)}`);
    process.stdout.write(`${out.join('\n')}\n`);
    await soap.close();
    await mil.close();
  } finally {
    nodeSim.child.kill('SIGTERM');
    milSim.child.kill('SIGTERM');
  }
}

void main();
