// Receipt print bench (issue #5 §6). Prints:
//  1. layout+encode time per receipt (ReceiptData → ESC/POS bytes), in µs;
//  2. effective throughput of the production driver (status query + one job buffer + GS r barrier)
//     to the virtual printer over a real pty, with the virtual printer pacing its reader at 115200 baud
//     (8N1 = 11520 bytes/s; a pty does not emulate baud). The fraction = job bytes / elapsed time /
//     line rate: the share of the line the driver keeps busy, i.e. the cost of its round trips.
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EscPosPrinter } from '../drivers/escpos-printer/printer';
import { SerialTransport } from '../drivers/escpos-printer/serial-transport';
import { VirtualPrinter } from '../drivers/escpos-printer/virtual-printer';
import { silentLogger } from '../src/main/core/log/logger';
import { layoutFor } from '../drivers/escpos-printer/layout-options';
import { layoutReceipt } from '../src/main/core/receipt/receipt-layout';
import { samplePaymentReceipt } from '../src/main/core/receipt/sample-receipts';

const BAUD = 115_200;

function encodeBench(): void {
  const layout = layoutFor(80);
  for (let i = 0; i < 200; i++) layoutReceipt(samplePaymentReceipt({ localReference: `W-${i}` }), layout);
  const n = 2000;
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += layoutReceipt(samplePaymentReceipt({ localReference: `T01-${i}` }), layout).length;
  const us = ((performance.now() - t0) * 1000) / n;
  process.stdout.write(`encode: ${us.toFixed(1)} µs/receipt (80 mm, native QR), ${Math.round(bytes / n)} bytes/receipt, n=${n}\n`);
  const raster = layoutFor(80, { qrMode: 'raster' });
  const t1 = performance.now();
  for (let i = 0; i < 500; i++) layoutReceipt(samplePaymentReceipt({ localReference: `R-${i}` }), raster);
  process.stdout.write(`encode: ${(((performance.now() - t1) * 1000) / 500).toFixed(1)} µs/receipt (80 mm, raster QR)\n`);
}

async function ptyPair(dir: string): Promise<{ a: string; b: string; stop(): void }> {
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');
  const p = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  for (let i = 0; i < 200 && !(fs.existsSync(a) && fs.existsSync(b)); i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
  return { a, b, stop: () => p.kill('SIGTERM') };
}

async function throughputBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-bench-'));
  const pty = await ptyPair(dir);
  const vp = new VirtualPrinter({ baudRate: BAUD });
  await vp.attachPty(pty.b);
  const printer = new EscPosPrinter(new SerialTransport(pty.a, BAUD), silentLogger, { barrierTimeoutMs: 30_000 });
  try {
    const job = layoutReceipt(samplePaymentReceipt(), layoutFor(80));
    await printer.printJob(job); // warm-up
    const jobs = 10;
    const t0 = performance.now();
    for (let i = 0; i < jobs; i++) {
      const r = await printer.printJob(job);
      if (!r.ok) throw new Error(`job failed: ${r.state} ${r.detail}`);
    }
    const s = (performance.now() - t0) / 1000;
    const wire = jobs * (job.length + 3 + 9); // job + GS r + 3 × DLE EOT
    const lineRate = BAUD / 10;
    process.stdout.write(`serial 115200 (virtual reader paced): ${jobs} receipts of ${job.length} B in ${s.toFixed(2)} s = ${((s / jobs) * 1000).toFixed(0)} ms/receipt\n`);
    process.stdout.write(
      `  effective ${((jobs * job.length) / s).toFixed(0)} B/s of job data = ${(((jobs * job.length) / s / lineRate) * 100).toFixed(1)} % of the ${lineRate} B/s line rate (${((wire / s / lineRate) * 100).toFixed(1)} % incl. status bytes)\n`,
    );
  } finally {
    await printer.close();
    await vp.close();
    pty.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

encodeBench();
throughputBench().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
