// Issue #16: a terminal that runs for months. Drives N cash payments through the browser bridge exactly
// as the counter screen does (login, shift open, then per payment: notice/lookup of a scanned QR →
// payment/begin cash → payment/collectCash, whose answer carries the receipt job and its preview), with
// a WebSocket listener connected like the browser's, and samples every 100 payments: RSS, heap used after
// a forced full GC, open file descriptors and the mean latency per payment.
// Two setups, each in a fresh data directory:
//   demo  the default configuration: embedded node simulator and in-process virtual lab (as `sportello serve`).
//   prod  production-like: the node simulator and the ESC/POS printer (TCP) run in OTHER processes, no
//         virtual lab and no simulator in this process (card terminal, scanners and camera switched off).
// The bench process itself is the `sportello serve` process (createApp + startBridgeServer, as serve.ts
// builds it); the HTTP/WebSocket client here is a few objects and its received messages are dropped.
//   node scripts/run-ts.mjs bench/long-run.bench.ts [N=600] [demo|prod|both] [--snapshot DIR]
// Run with --expose-gc (scripts/bench.mjs does) for heap-after-GC figures.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { createApp } from '../src/main/app/create-app';
import { startBridgeServer } from '../src/main/bridge/bridge-server';
import { parseConfig } from '../src/main/core/config/load';
import { buildQrPayload } from '../src/common/notice/build-payload';
import { generatePositions, startNodeSimulator } from '../src/main/node-sim/simulator';
import { autoCreatedPosition } from '../src/main/node-sim/seed';
import { VirtualPrinter } from '../drivers/escpos-printer/virtual-printer';
import { invoke, openEvents } from '../test/node/bridge-helpers';

/** The fields of the bridge answers this bench reads. */
type Answer = { kind?: string; quote: { quoteId: string }; id: string; totalCents: number; state: string; receipt?: { preview?: unknown } | null; error?: unknown; resolution?: unknown };
type Sample = { n: number; rssMiB: number; heapMiB: number; fds: number; msPerPayment: number; mem: MemBreakdown };
/** Where the RSS outside the JS heap lives: V8's committed heap, off-heap buffers, and the kernel's split of
 * the resident pages (anonymous = malloc/V8/SQLite page cache; file = code and mapped files; shmem = the
 * WAL index SQLite maps). */
type MemBreakdown = { heapTotalMiB: number; externalMiB: number; arrayBuffersMiB: number; anonMiB: number; fileMiB: number; shmemMiB: number };

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const N = Number(args[0] ?? 600);
const which = (args[1] ?? 'both') as 'demo' | 'prod' | 'both';
const snapIdx = process.argv.indexOf('--snapshot');
const snapshotDir = snapIdx > 0 ? process.argv[snapIdx + 1] : undefined;
const gc = (globalThis as { gc?: () => void }).gc;
const mib = (b: number) => b / 1024 / 1024;

function fullGc(): void {
  if (!gc) return;
  for (let i = 0; i < 3; i++) gc();
}
function fdCount(): number {
  try {
    return fs.readdirSync('/proc/self/fd').length;
  } catch {
    return -1;
  }
}

function procStatusMiB(field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
function memBreakdown(mu: NodeJS.MemoryUsage): MemBreakdown {
  return {
    heapTotalMiB: mib(mu.heapTotal),
    externalMiB: mib(mu.external),
    arrayBuffersMiB: mib(mu.arrayBuffers),
    anonMiB: procStatusMiB('RssAnon'),
    fileMiB: procStatusMiB('RssFile'),
    shmemMiB: procStatusMiB('RssShmem'),
  };
}

function startChild(roleName: string): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [process.argv[1]!, `--role=${roleName}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve({ child, line: buf.slice(0, nl).trim() });
    });
    child.once('exit', (code) => reject(new Error(`${roleName} exited ${code}`)));
  });
}

async function runSetup(setup: 'demo' | 'prod'): Promise<Sample[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sportello-longrun-${setup}-`));
  const children: ChildProcess[] = [];
  try {
    let config = parseConfig({});
    if (setup === 'prod') {
      const sim = await startChild('sim');
      const printer = await startChild('printer');
      children.push(sim.child, printer.child);
      config = parseConfig({
        node: { url: sim.line },
        devices: { printer: { transport: { type: 'tcp', host: '127.0.0.1', port: Number(printer.line) } }, terminal: { enabled: false }, scanners: [], camera: { enabled: false } },
      });
    }
    const app = await createApp({ config, dataDir, transport: 'browser', demoAccounts: true });
    // A configured node gets no demo accounts: the bench adds the clerk the installer would.
    const ops = app.services.operators;
    const clerk = { id: 'mario', name: 'Mario Rossi', role: 'clerk', pin: '1234' } as const;
    if (!ops.get('mario')) {
      if (ops.count() === 0) await ops.bootstrap([clerk]);
      else await ops.create(clerk, ops.list().find((o) => o.role === 'technician' || o.role === 'supervisor')!.id);
    }
    const bridge = await startBridgeServer({ dispatch: app.dispatch, events: app.events, staticDir: null, port: 0, log: app.logger.child('bridge') });
    const ws = await openEvents(bridge.port, ['sportello.v1', `token.${bridge.token}`]);
    const call = async (name: string, arg?: unknown): Promise<Answer> => {
      const r = await invoke(bridge.port, bridge.token, name, arg);
      const body = JSON.parse(r.body) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${name}: ${body.error?.message ?? r.body}`);
      return body.value as Answer;
    };
    try {
      await call('app/info');
      await call('session/state');
      await call('session/operators');
      await call('session/login', { operatorId: 'mario', pin: '1234' });
      if ((await call('shift/current')) === null) await call('shift/open', { openingFloatCents: 10_000 });
      // Distinct notices of the simulator's auto-create EC (created open on first verify).
      const positions = generatePositions(N, setup === 'demo' ? 16_001 : 16_002);
      const samples: Sample[] = [];
      fullGc();
      const mu0 = process.memoryUsage();
      samples.push({ n: 0, rssMiB: mib(mu0.rss), heapMiB: mib(mu0.heapUsed), fds: fdCount(), msPerPayment: 0, mem: memBreakdown(mu0) });
      let windowMs = 0;
      let notPaid = 0;
      for (let i = 0; i < N; i++) {
        const p = positions[i]!;
        const t0 = performance.now();
        // The QR carries the amount the simulator's auto-created position asks (an offline quote uses it).
        const raw = buildQrPayload({ noticeNumber: p.noticeNumber, fiscalCode: p.fiscalCode, amountCents: autoCreatedPosition(p.fiscalCode, p.noticeNumber).amountCents, amountDigits: 10 });
        const r = await call('notice/lookup', { source: 'scan', raw });
        if (r.kind !== 'quote') throw new Error(`lookup ${i}: ${JSON.stringify(r).slice(0, 200)}`);
        const begun = await call('payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
        const paid = await call('payment/collectCash', { paymentId: begun.id, tenderedCents: begun.totalCents });
        if (paid.state !== 'paid') {
          // Counted and shown, not fatal: the bench measures memory over the whole run.
          notPaid++;
          if (notPaid <= 3) process.stderr.write(`long-run ${setup}: payment ${i} ended ${paid.state}: ${JSON.stringify(paid.error ?? paid.resolution ?? null).slice(0, 300)}\n`);
        }
        // The receipt panel shows the preview the collection returned; asks for it only when absent.
        if (!paid.receipt?.preview) await call('receipt/preview', { paymentId: paid.id });
        windowMs += performance.now() - t0;
        ws.messages.length = 0; // the browser renders and drops events; so does this listener
        if ((i + 1) % 100 === 0) {
          fullGc();
          const mu = process.memoryUsage();
          samples.push({ n: i + 1, rssMiB: mib(mu.rss), heapMiB: mib(mu.heapUsed), fds: fdCount(), msPerPayment: windowMs / 100, mem: memBreakdown(mu) });
          windowMs = 0;
          if (snapshotDir && (i + 1 === 100 || i + 1 === N)) v8.writeHeapSnapshot(path.join(snapshotDir, `${setup}-${i + 1}.heapsnapshot`));
        }
      }
      // What the payments left on disk (the database with its WAL checkpointed at close: measured before).
      const dbBytes = ['sportello.db', 'sportello.db-wal'].reduce((sum, f) => sum + (fs.existsSync(path.join(dataDir, f)) ? fs.statSync(path.join(dataDir, f)).size : 0), 0);
      const counts = app.db
        .prepare('SELECT (SELECT COUNT(*) FROM journal) AS journal, (SELECT COUNT(*) FROM print_jobs) AS jobs, (SELECT COALESCE(SUM(LENGTH(bytes)), 0) FROM print_jobs) AS jobBytes')
        .get() as { journal: number; jobs: number; jobBytes: number };
      process.stdout.write(
        `long-run ${setup}: database ${(dbBytes / 1024 / 1024).toFixed(1)} MiB (${(dbBytes / N / 1024).toFixed(1)} KiB/payment), ${(counts.journal / N).toFixed(1)} journal entries/payment, ${(counts.jobs / N).toFixed(2)} print jobs/payment (${(counts.jobBytes / Math.max(1, counts.jobs)).toFixed(0)} bytes each)\n`,
      );
      if (notPaid > 0) process.stdout.write(`long-run ${setup}: ${notPaid} of ${N} payments did not end paid\n`);
      return samples;
    } finally {
      ws.close();
      await bridge.close();
      await app.close();
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Least-squares slope of heap (MiB) per 1,000 payments over samples with n ≥ from. */
function slopePer1000(samples: Sample[], value: (s: Sample) => number, from: number): number {
  const s = samples.filter((x) => x.n >= from);
  if (s.length < 2) return NaN;
  const mx = s.reduce((a, x) => a + x.n, 0) / s.length;
  const my = s.reduce((a, x) => a + value(x), 0) / s.length;
  const num = s.reduce((a, x) => a + (x.n - mx) * (value(x) - my), 0);
  const den = s.reduce((a, x) => a + (x.n - mx) ** 2, 0);
  return (num / den) * 1000;
}

async function main(): Promise<void> {
  if (!gc) process.stdout.write('long-run: run with --expose-gc for heap-after-GC figures (npm run bench does)\n');
  if (snapshotDir) fs.mkdirSync(snapshotDir, { recursive: true });
  const setups: ('demo' | 'prod')[] = which === 'both' ? ['demo', 'prod'] : [which];
  const summary: string[] = [];
  for (const setup of setups) {
    const samples = await runSetup(setup);
    process.stdout.write(`\nlong-run ${setup}: ${N} cash payments through the bridge (${os.cpus().length} cores, Node ${process.version})\n`);
    process.stdout.write(' payments  RSS MiB  heap after GC MiB  fds  ms/payment (last 100)  | heap committed  external  arrayBuffers  RSS anon  file  shmem (MiB)\n');
    const every = Math.max(1, Math.round(samples.length / 25)); // a readable table for long runs
    for (const [k, s] of samples.entries()) {
      if (k % every !== 0 && k !== samples.length - 1) continue;
      const m = s.mem;
      process.stdout.write(
        `${String(s.n).padStart(9)}  ${s.rssMiB.toFixed(0).padStart(7)}  ${s.heapMiB.toFixed(1).padStart(17)}  ${String(s.fds).padStart(3)}  ${(s.msPerPayment ? s.msPerPayment.toFixed(1) : '-').padStart(22)}  | ${m.heapTotalMiB.toFixed(1).padStart(14)}  ${m.externalMiB.toFixed(1).padStart(8)}  ${m.arrayBuffersMiB.toFixed(1).padStart(12)}  ${m.anonMiB.toFixed(0).padStart(8)}  ${m.fileMiB.toFixed(0).padStart(4)}  ${m.shmemMiB.toFixed(0).padStart(5)}\n`,
      );
    }
    const from = N >= 2000 ? 1000 : Math.min(300, N - 200);
    const heap = slopePer1000(samples, (s) => s.heapMiB, from);
    const rss = slopePer1000(samples, (s) => s.rssMiB, from);
    const parts = (['heapTotalMiB', 'externalMiB', 'anonMiB', 'fileMiB', 'shmemMiB'] as const).map((k) => `${k.replace('MiB', '')} ${slopePer1000(samples, (s) => s.mem[k], from).toFixed(1)}`);
    const lat = samples.filter((s) => s.n > 0).map((s) => s.msPerPayment);
    process.stdout.write(
      `  growth per 1,000 payments from ${from}: heap after GC ${heap.toFixed(2)} MiB, RSS ${rss.toFixed(1)} MiB; latency first/last 100 ${lat[0]?.toFixed(1)}/${lat.at(-1)?.toFixed(1)} ms\n  RSS split, growth per 1,000 payments (MiB): ${parts.join(', ')}\n`,
    );
    summary.push(`${setup} heap ${heap >= 0 ? '+' : ''}${heap.toFixed(2)} MiB/1k, ${lat.at(-1)?.toFixed(0)} ms/pay`);
  }
  process.stdout.write(`long-run (${N} payments): ${summary.join('; ')}\n`);
  process.exit(0);
}

// ---- child roles (the production-like setup's other processes) ----
const role = process.argv.find((a) => a.startsWith('--role='))?.slice(7);
if (role === 'sim') {
  void startNodeSimulator({ port: 0 }).then((s) => process.stdout.write(`${s.soapUrl}\n`));
} else if (role === 'printer') {
  const vp = new VirtualPrinter();
  void vp.listenTcp(0).then(({ port }) => process.stdout.write(`${port}\n`));
} else {
  void main();
}
