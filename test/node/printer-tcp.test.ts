// The production driver and print service against the virtual printer over a real TCP socket,
// with a real SQLite file: normal job, status states, paper out mid-job → held → confirm → resumed,
// reprint marked COPIA, unplug/replug, garbage from the printer side, restart recovery.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../drivers/escpos-printer/printer';
import { TcpTransport } from '../../drivers/escpos-printer/tcp-transport';
import { VirtualPrinter } from '../../drivers/escpos-printer/virtual-printer';
import { ManualClock } from '../../src/common/clock';
import { silentLogger } from '../../src/main/core/log/logger';
import { layoutFor } from '../../drivers/escpos-printer/layout-options';
import { escPosPreviewer } from '../../drivers/escpos-printer/preview';
import { PrintService } from '../../src/main/core/printing/print-service';
import { samplePaymentReceipt } from '../../src/main/core/receipt/sample-receipts';
import { openDatabase, type Db } from '../../src/main/core/store/database';
import { m0030Journal } from '../../src/main/core/store/migrations/0030-journal';
import { m0050PrintJobs } from '../../src/main/core/store/migrations/0050-print-jobs';

let dir: string;
let vp: VirtualPrinter;
let port: number;
let printer: EscPosPrinter;
let db: Db;
let service: PrintService;
const clock = new ManualClock();

async function waitFor(cond: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-printer-'));
  vp = new VirtualPrinter();
  ({ port } = await vp.listenTcp(0));
  printer = new EscPosPrinter(new TcpTransport('127.0.0.1', port), silentLogger, { barrierTimeoutMs: 600, statusTimeoutMs: 500, reconnectMinMs: 50, reconnectMaxMs: 200 });
  db = openDatabase(path.join(dir, 'sportello.db'), { migrations: [m0030Journal, m0050PrintJobs] });
  service = new PrintService({ db, printer, clock, logger: silentLogger, layout: layoutFor(80), previewer: escPosPreviewer });
});

afterEach(async () => {
  await printer.close();
  await vp.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('receipt printer over TCP 9100 (virtual printer)', () => {
  it('prints a persisted receipt once, with all SANP fields, and marks it printed', async () => {
    const job = service.enqueueReceipt(samplePaymentReceipt(), { paymentId: 'pay-1' });
    expect(job.state).toBe('queued');
    expect(await service.printNow(job.id)).toEqual({ jobId: job.id, outcome: 'printed' });
    expect(service.getJob(job.id)).toMatchObject({ state: 'printed', attempts: 1, paymentId: 'pay-1' });
    const printed = vp.jobs();
    expect(printed).toHaveLength(1);
    const text = printed[0]!.text;
    for (const s of [
      '22/11/2026 10:41:07',
      '02438750586',
      'Comune di Roma Capitale',
      '01000000000123456',
      'Sportello Demo PSP S.p.A.',
      '88888888888',
      '5f2c0a9e8b7d4c3aa1e6f0b2c9d8e7f6',
      '125,45 €',
      'TARI 2026',
      '3010 0000 0000 1234 56',
      'Resto / Change',
    ])
      expect(text).toContain(s);
    expect(printed[0]!.ops.some((o) => o.op === 'qr' && o.data === 'PAGOPA|002|301000000000123456|02438750586|12345')).toBe(true);
    // The driver asked for status before and the barrier after; the job bytes went out exactly once.
    const rx = Buffer.from(vp.received());
    expect(rx.indexOf(Buffer.from([0x10, 0x04, 0x01]))).toBe(0);
    expect(rx.subarray(-3)).toEqual(Buffer.from([0x1d, 0x72, 0x01]));
    expect(rx.indexOf(Buffer.from('Comune di Roma Capitale', 'latin1'))).toBe(rx.lastIndexOf(Buffer.from('Comune di Roma Capitale', 'latin1')));
  });

  it('reports paper out, near end and cover open, and refuses to start a job that cannot print', async () => {
    expect((await printer.status()).state).toBe('ready');
    vp.setPaper('near-end');
    expect(await printer.status()).toMatchObject({ state: 'paper-near-end', paperNearEnd: true });
    vp.setPaper('out');
    expect((await printer.status()).state).toBe('paper-out');
    vp.setPaper('ok');
    vp.setCover(true);
    expect((await printer.status()).state).toBe('cover-open');
    const job = service.enqueueReceipt(samplePaymentReceipt());
    const res = await service.printNow(job.id);
    expect(res).toMatchObject({ outcome: 'not-printed', state: 'cover-open' });
    expect(service.getJob(job.id)).toMatchObject({ state: 'queued', lastError: expect.stringContaining('cover-open') });
    expect(vp.jobs()).toHaveLength(0);
    vp.setCover(false);
    expect((await service.printNow(job.id)).outcome).toBe('printed');
    expect(vp.jobs()).toHaveLength(1);
  });

  it('paper out mid-job: held, not reprinted by itself; a person confirms → resumed; reprint is marked COPIA', async () => {
    const job = service.enqueueReceipt(samplePaymentReceipt());
    vp.runOutOfPaperAfter(400);
    const res = await service.printNow(job.id);
    expect(res).toMatchObject({ outcome: 'held', state: 'paper-out' });
    expect(service.heldJobs().map((j) => j.id)).toEqual([job.id]);
    expect(vp.jobs()[0]!.cut).toBe(false); // a partial receipt, no cut
    expect(vp.pendingBytes()).toBeGreaterThan(0);
    // Loading paper must not print the rest of the old job by itself (the driver sent DLE ENQ 2).
    await waitFor(() => vp.pendingBytes() === 0, 'DLE ENQ 2 to clear the buffer');
    vp.setPaper('ok');
    await expect(service.printNow(job.id)).rejects.toMatchObject({ kind: 'invalid-state' });
    expect(vp.jobs().filter((j) => j.cut)).toHaveLength(0);

    expect(await service.confirmResume(job.id, 'mrossi')).toEqual({ jobId: job.id, outcome: 'printed' });
    expect(service.getJob(job.id)).toMatchObject({ state: 'printed', attempts: 2 });
    expect(service.events(job.id).map((e) => e.event)).toEqual(['enqueued', 'sending', 'held', 'resume-confirmed', 'sending', 'printed']);
    const complete = vp.jobs().filter((j) => j.cut);
    expect(complete).toHaveLength(1);
    expect(complete[0]!.text).not.toContain('COPIA');

    const copy = await service.reprint(job.id, 'mrossi');
    expect(copy.outcome).toBe('printed');
    expect(service.getJob(copy.copyJobId)).toMatchObject({ copyOf: job.id, state: 'printed' });
    const all = vp.jobs().filter((j) => j.cut);
    expect(all).toHaveLength(2);
    expect(all[1]!.text).toContain('COPIA / DUPLICATO');
  });

  it('paper out mid-job is known within a second, not after the whole barrier timeout (issue #11 §6)', async () => {
    await printer.close();
    // The production barrier: 15 s. Before, a stopped printer was only asked why once that had run out.
    printer = new EscPosPrinter(new TcpTransport('127.0.0.1', port), silentLogger, { barrierTimeoutMs: 15_000, statusTimeoutMs: 500 });
    service = new PrintService({ db, printer, clock, logger: silentLogger, layout: layoutFor(80), previewer: escPosPreviewer });
    const pushed: string[] = [];
    printer.onStatus((s) => pushed.push(s.state));
    const job = service.enqueueReceipt(samplePaymentReceipt());
    vp.runOutOfPaperAfter(400);
    const started = Date.now();
    const res = await service.printNow(job.id);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res).toMatchObject({ outcome: 'held', state: 'paper-out' });
    expect(pushed).toContain('paper-out');
    expect(vp.jobs()[0]!.cut).toBe(false);
    await waitFor(() => vp.pendingBytes() === 0, 'DLE ENQ 2 to clear the buffer');
  });

  it('a job that takes a while on a printer near the end of its roll is polled, not cut short', async () => {
    await printer.close();
    await vp.close();
    // A slow line (38400 baud): the receipt takes about a second, so the driver asks the status meanwhile.
    vp = new VirtualPrinter({ baudRate: 38_400 });
    ({ port } = await vp.listenTcp(0));
    vp.setPaper('near-end');
    printer = new EscPosPrinter(new TcpTransport('127.0.0.1', port), silentLogger, { barrierTimeoutMs: 10_000, statusTimeoutMs: 2_000, statusPollMs: 100 });
    service = new PrintService({ db, printer, clock, logger: silentLogger, layout: layoutFor(80), previewer: escPosPreviewer });
    const job = service.enqueueReceipt(samplePaymentReceipt());
    expect((await service.printNow(job.id)).outcome).toBe('printed');
    expect(vp.jobs().filter((j) => j.cut)).toHaveLength(1);
    const rx = Buffer.from(vp.received());
    let asks = 0;
    for (let i = rx.indexOf(Buffer.from([0x10, 0x04, 0x01])); i >= 0; i = rx.indexOf(Buffer.from([0x10, 0x04, 0x01]), i + 1)) asks++;
    expect(asks).toBeGreaterThan(1); // the query before the job, and at least one while it printed
  });

  it('a held job can be reprinted as a copy or cancelled, never both printed and pending', async () => {
    const a = service.enqueueReceipt(samplePaymentReceipt());
    vp.runOutOfPaperAfter(300);
    await service.printNow(a.id);
    await waitFor(() => vp.pendingBytes() === 0, 'DLE ENQ 2 to clear the buffer');
    vp.setPaper('ok');
    const r = await service.reprint(a.id, 'sup');
    expect(service.getJob(a.id)!.state).toBe('cancelled');
    expect(r.outcome).toBe('printed');
    expect(
      vp
        .jobs()
        .filter((j) => j.cut)
        .map((j) => j.text.includes('COPIA')),
    ).toEqual([true]);
    const b = service.enqueueReceipt(samplePaymentReceipt());
    expect(service.cancel(b.id, 'sup', 'customer left').state).toBe('cancelled');
    await expect(service.printNow(b.id)).rejects.toMatchObject({ kind: 'invalid-state' });
  });

  it('after a crash while printing, the job is held at restart and not printed again', async () => {
    const job = service.enqueueReceipt(samplePaymentReceipt());
    db.prepare(`UPDATE print_jobs SET state = 'printing' WHERE id = ?`).run(job.id); // as if the app died mid-print
    db.close();
    db = openDatabase(path.join(dir, 'sportello.db'), { migrations: [m0030Journal, m0050PrintJobs] });
    service = new PrintService({ db, printer, clock, logger: silentLogger, layout: layoutFor(80), previewer: escPosPreviewer });
    expect(service.recoverAfterRestart()).toEqual([job.id]);
    expect(service.getJob(job.id)).toMatchObject({ state: 'held', lastError: expect.stringContaining('interrupted') });
    await expect(service.printNow(job.id)).rejects.toMatchObject({ kind: 'invalid-state' });
    expect(vp.jobs()).toHaveLength(0);
  });

  it('unplug and replug: reports disconnected, reconnects by itself, prints again', async () => {
    expect((await printer.status()).state).toBe('ready');
    await vp.disconnect();
    await waitFor(() => !printer.health().connected, 'the driver to notice the drop');
    expect((await printer.status()).state).toBe('disconnected');
    const job = service.enqueueReceipt(samplePaymentReceipt());
    expect(await service.printNow(job.id)).toMatchObject({ outcome: 'not-printed', state: 'disconnected' });
    await vp.listenTcp(port);
    await waitFor(() => printer.health().connected, 'the driver to reconnect');
    expect(printer.health().reconnects).toBeGreaterThan(0);
    expect(await service.printNow(job.id)).toEqual({ jobId: job.id, outcome: 'printed' });
  });

  it('ignores garbage from the printer side and still reads the real status', async () => {
    await printer.status();
    vp.injectToHost(Buffer.from('noise!\xff\xfe', 'latin1'));
    await waitFor(() => printer.health().garbageBytes === 8, 'the garbage to arrive');
    vp.setPaper('out');
    expect((await printer.status()).state).toBe('paper-out');
    vp.setPaper('ok');
    vp.injectToHost(Buffer.from('noise!', 'latin1'));
    const job = service.enqueueReceipt(samplePaymentReceipt());
    expect((await service.printNow(job.id)).outcome).toBe('printed');
    expect(printer.health().garbageBytes).toBeGreaterThan(0);
  });

  it('opens the cash drawer (ESC p) and reads the drawer sensor', async () => {
    await printer.openDrawer(2);
    await waitFor(() => vp.drawerPulses === 1, 'the drawer pulse');
    expect((await printer.status()).drawerOpen).toBe(true);
    vp.closeDrawer();
    expect((await printer.status()).drawerOpen).toBe(false);
  });

  it('a printer that never answers: job held as unconfirmed with statusMode query; printed with statusMode none', async () => {
    await printer.close();
    await vp.close();
    vp = new VirtualPrinter({ mute: true });
    ({ port } = await vp.listenTcp(0));
    printer = new EscPosPrinter(new TcpTransport('127.0.0.1', port), silentLogger, { statusTimeoutMs: 200, barrierTimeoutMs: 300 });
    expect((await printer.status()).state).toBe('offline');
    const oneWay = new EscPosPrinter(new TcpTransport('127.0.0.1', port), silentLogger, { statusMode: 'none' });
    try {
      expect(await oneWay.printJob(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a))).toEqual({ ok: true });
      await waitFor(() => vp.jobs().length === 1, 'the one-way job');
    } finally {
      await oneWay.close();
    }
  });

  it('ASB: with GS a enabled, status changes are pushed without a query', async () => {
    await printer.close();
    printer = new EscPosPrinter(new TcpTransport('127.0.0.1', port), silentLogger, { asb: true, statusTimeoutMs: 500 });
    const seen: string[] = [];
    printer.onStatus((s) => seen.push(s.state));
    expect((await printer.status()).state).toBe('ready');
    seen.length = 0;
    vp.setCover(true);
    await waitFor(() => seen.includes('cover-open'), 'an ASB cover-open');
    vp.setCover(false);
    vp.setPaper('out');
    await waitFor(() => seen.at(-1) === 'paper-out', 'an ASB paper-out');
  });
});
