// A virtual ESC/POS printer on a real TCP socket (port 9100 style) or a pty: it interprets the stream,
// keeps the paper roll (render ops → PNG), answers DLE EOT n / GS r / ASB like an Epson (pos-practice.md
// §4), and can run out of paper or open its cover, also mid-job. While offline it buffers print data
// (a real printer resumes it on recovery) unless DLE ENQ 2 clears the buffers.
import net from 'node:net';
import { SerialPort } from 'serialport';
import { EscPosInterpreter, isPrintOp, opsToText, type RenderOp } from './interpreter';
import { renderOpsToPng } from './render-png';

export type PaperState = 'ok' | 'near-end' | 'out';
export type VirtualPrinterOptions = {
  /** Emulate a serial line: bytes are processed no faster than baudRate / 10 per second. */
  baudRate?: number;
  /** Paper width for renderPng(). */
  widthDots?: 384 | 576;
  /** Never answer anything (a one-way clone). */
  mute?: boolean;
  /**
   * How many cut jobs the roll keeps (jobs(), printedText, renderPng): older ones are dropped, like the
   * paper a real printer has already let go of (issue #16: bounded memory). Default 50.
   */
  keepJobs?: number;
  /** How many received bytes received() keeps (the newest; default 1 MiB). */
  keepRawBytes?: number;
};

export const DEFAULT_KEEP_JOBS = 50;
export const DEFAULT_KEEP_RAW_BYTES = 1024 * 1024;
/** Ops per kept job before the roll is trimmed anyway (a host that never cuts). */
const MAX_OPS_PER_JOB = 4096;

type Reply = (bytes: Uint8Array) => void;
type Pending = { op: RenderOp; reply: Reply; size: number };
export type VirtualJob = { ops: RenderOp[]; text: string; cut: boolean };

export class VirtualPrinter {
  drawerPulses = 0;
  private paper: PaperState = 'ok';
  private cover = false;
  private drawerOpen = false;
  private readonly interp = new EscPosInterpreter();
  private readonly roll: RenderOp[] = [];
  private pending: Pending[] = [];
  private readonly raw: Uint8Array[] = [];
  private rawBytes = 0;
  private cutsInRoll = 0;
  /** Jobs (cuts) and received bytes no longer kept (issue #16). */
  droppedJobs = 0;
  droppedRawBytes = 0;
  private asbMask = 0;
  private outAfter: number | null = null;
  private printedBytes = 0;
  private lastAt = 0;
  private readonly replies = new Set<Reply>();
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private ptys: SerialPort[] = [];
  private lineQueue: { chunk: Uint8Array; reply: Reply }[] = [];
  private lineTimer: NodeJS.Timeout | null = null;
  private lineFreeAt = 0;

  constructor(private readonly opts: VirtualPrinterOptions = {}) {}

  /** Listens on 127.0.0.1:port (0 = ephemeral). Call again with the same port to "replug". */
  async listenTcp(port = 0): Promise<{ port: number }> {
    const server = net.createServer((sock) => {
      this.sockets.add(sock);
      const reply: Reply = (b) => {
        if (!sock.destroyed) sock.write(b);
      };
      this.replies.add(reply);
      sock.on('data', (d) => this.receive(d, reply));
      sock.on('error', () => undefined);
      sock.on('close', () => {
        this.sockets.delete(sock);
        this.replies.delete(reply);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return { port: (server.address() as net.AddressInfo).port };
  }

  /** Opens one end of a pty pair (the driver opens the other end). */
  async attachPty(path: string): Promise<void> {
    const port = new SerialPort({ path, baudRate: this.opts.baudRate ?? 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    const reply: Reply = (b) => {
      if (port.isOpen) port.write(Buffer.from(b));
    };
    this.replies.add(reply);
    port.on('data', (d: Buffer) => this.receive(d, reply));
    port.on('error', () => undefined);
    port.on('close', () => this.replies.delete(reply));
    this.ptys.push(port);
  }

  /** An in-process connection (the 'virtual' transport of the default configuration). */
  connectMemory(onReply: (bytes: Uint8Array) => void): { write(bytes: Uint8Array): void; close(): void } {
    const reply: Reply = (b) => queueMicrotask(() => onReply(b));
    this.replies.add(reply);
    return { write: (b) => this.receive(b, reply), close: () => this.replies.delete(reply) };
  }

  setPaper(p: PaperState): void {
    const wasOnline = this.online();
    this.paper = p;
    this.afterChange(wasOnline);
  }

  setCover(open: boolean): void {
    const wasOnline = this.online();
    this.cover = open;
    this.afterChange(wasOnline);
  }

  closeDrawer(): void {
    this.drawerOpen = false;
    this.pushAsb();
  }

  /** The paper ends after `bytes` more bytes of print data have been printed. */
  runOutOfPaperAfter(bytes: number): void {
    this.outAfter = this.printedBytes + bytes;
  }

  /** Sends bytes to every connected host, unasked (line noise, a misbehaving clone). */
  injectToHost(bytes: Uint8Array): void {
    for (const r of this.replies) r(bytes);
  }

  received(): Uint8Array {
    return Buffer.concat(this.raw);
  }

  /** How much the printer keeps in memory now (tests check the bound). */
  retained(): { rollOps: number; cutJobs: number; rawBytes: number } {
    return { rollOps: this.roll.length, cutJobs: this.cutsInRoll, rawBytes: this.rawBytes };
  }

  /** What is on paper (the last `keepJobs` cut jobs and anything after them), split at each cut. */
  jobs(): VirtualJob[] {
    const out: VirtualJob[] = [];
    let cur: RenderOp[] = [];
    const hasPrint = (ops: RenderOp[]) => ops.some((o) => (o.op === 'line' && o.runs.some((r) => r.text.trim().length > 0)) || o.op === 'qr' || o.op === 'raster' || o.op === 'barcode');
    for (const op of this.roll) {
      // A job cut short (paper out) is followed on the same paper by the next ESC @: split there too.
      if (op.op === 'init' && hasPrint(cur)) {
        out.push({ ops: cur, text: opsToText(cur), cut: false });
        cur = [];
      }
      cur.push(op);
      if (op.op === 'cut') {
        out.push({ ops: cur, text: opsToText(cur), cut: true });
        cur = [];
      }
    }
    // Blank lines fed after the last cut are not a job; anything printed is (e.g. a receipt cut short).
    if (hasPrint(cur)) out.push({ ops: cur, text: opsToText(cur), cut: false });
    return out;
  }

  /** Print data waiting for the printer to come back online. */
  pendingBytes(): number {
    return this.pending.reduce((s, p) => s + p.size, 0);
  }

  renderPng(widthDots = this.opts.widthDots ?? 576): Buffer {
    return renderOpsToPng(this.roll, { widthDots });
  }

  /** Unplugs: closes the TCP server, its connections and the ptys (the roll is kept). */
  async disconnect(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    const ptys = this.ptys;
    this.ptys = [];
    await Promise.all(ptys.map((p) => new Promise<void>((resolve) => (p.isOpen ? p.close(() => resolve()) : resolve()))));
    this.replies.clear();
  }

  async close(): Promise<void> {
    if (this.lineTimer) clearTimeout(this.lineTimer);
    this.lineTimer = null;
    this.lineQueue = [];
    await this.disconnect();
  }

  // ---- byte processing ----

  private receive(chunk: Uint8Array, reply: Reply): void {
    const copy = Uint8Array.from(chunk);
    this.raw.push(copy);
    this.rawBytes += copy.length;
    const keepRaw = this.opts.keepRawBytes ?? DEFAULT_KEEP_RAW_BYTES;
    while (this.rawBytes > keepRaw && this.raw.length > 1) {
      const old = this.raw.shift()!;
      this.rawBytes -= old.length;
      this.droppedRawBytes += old.length;
    }
    if (!this.opts.baudRate) return this.process(copy, reply);
    // Line-rate emulation: 10 bits per byte (8N1); slices of 64 bytes keep the pacing smooth.
    for (let i = 0; i < copy.length; i += 64) this.lineQueue.push({ chunk: copy.subarray(i, i + 64), reply });
    this.pump();
  }

  private pump(): void {
    if (this.lineTimer || this.lineQueue.length === 0) return;
    const next = this.lineQueue[0]!;
    const now = performance.now();
    const start = Math.max(now, this.lineFreeAt);
    const due = start + (next.chunk.length * 10 * 1000) / this.opts.baudRate!;
    this.lineTimer = setTimeout(
      () => {
        this.lineTimer = null;
        this.lineQueue.shift();
        this.lineFreeAt = due;
        this.process(next.chunk, next.reply);
        this.pump();
      },
      Math.max(0, due - now),
    );
  }

  private process(chunk: Uint8Array, reply: Reply): void {
    for (const op of this.interp.push(chunk)) {
      const size = op.at - this.lastAt;
      this.lastAt = op.at;
      this.dispatch(op, reply, size);
    }
  }

  private online(): boolean {
    return this.paper !== 'out' && !this.cover;
  }

  private dispatch(op: RenderOp, reply: Reply, size: number): void {
    const answer = (b: Uint8Array) => {
      if (!this.opts.mute) reply(b);
    };
    switch (op.op) {
      case 'rt-status':
        answer(Uint8Array.of(this.rtStatus(op.n)));
        return;
      case 'rt-recover':
        if (op.n === 2) this.pending = [];
        return;
      case 'asb':
        this.asbMask = op.mask;
        if (op.mask !== 0) answer(this.asbPacket());
        return;
      case 'tx-status':
        if (!this.online() || this.pending.length > 0) this.pending.push({ op, reply: answer, size });
        else answer(Uint8Array.of(this.gsrStatus()));
        return;
      default:
        if (!isPrintOp(op)) return;
        if (!this.online()) this.pending.push({ op, reply: answer, size });
        else this.commit(op, size);
    }
  }

  private commit(op: RenderOp, size: number): void {
    this.roll.push(op);
    this.boundRoll(op);
    this.printedBytes += size;
    if (op.op === 'pulse') {
      this.drawerPulses++;
      this.drawerOpen = true;
      this.pushAsb();
    }
    if (this.outAfter !== null && this.printedBytes >= this.outAfter) {
      this.outAfter = null;
      this.paper = 'out';
      this.pushAsb();
    }
  }

  /** Drops the oldest jobs beyond keepJobs (and, for a host that never cuts, the oldest ops). */
  private boundRoll(op: RenderOp): void {
    const keep = Math.max(1, this.opts.keepJobs ?? DEFAULT_KEEP_JOBS);
    if (op.op === 'cut') this.cutsInRoll++;
    while (this.cutsInRoll > keep) {
      const first = this.roll.findIndex((o) => o.op === 'cut');
      this.roll.splice(0, first + 1);
      this.cutsInRoll--;
      this.droppedJobs++;
    }
    const maxOps = keep * MAX_OPS_PER_JOB;
    if (this.roll.length > maxOps) {
      const drop = this.roll.splice(0, this.roll.length - Math.floor(maxOps / 2));
      this.cutsInRoll -= drop.filter((o) => o.op === 'cut').length;
      this.droppedJobs += 1;
    }
  }

  private afterChange(wasOnline: boolean): void {
    this.pushAsb();
    if (wasOnline || !this.online()) return;
    // Back online: a real printer resumes what it had buffered (unless DLE ENQ 2 cleared it).
    const queue = this.pending;
    this.pending = [];
    for (let k = 0; k < queue.length; k++) {
      const p = queue[k]!;
      if (!this.online()) {
        this.pending.push(...queue.slice(k));
        return;
      }
      if (p.op.op === 'tx-status') p.reply(Uint8Array.of(this.gsrStatus()));
      else this.commit(p.op, p.size);
    }
  }

  /** DLE EOT n reply: pattern 0xx1xx10b (pos-practice.md §4). */
  private rtStatus(n: number): number {
    let b = 0x12;
    if (n === 1) {
      if (this.drawerOpen) b |= 0x04;
      if (!this.online()) b |= 0x08;
    } else if (n === 2) {
      if (this.cover) b |= 0x04;
      if (this.paper === 'out') b |= 0x20;
    } else if (n === 4) {
      if (this.paper === 'near-end') b |= 0x0c;
      if (this.paper === 'out') b |= 0x6c;
    }
    return b;
  }

  /** GS r 1: bits 0-1 near end, bits 2-3 paper end. */
  private gsrStatus(): number {
    return (this.paper === 'near-end' ? 0x03 : 0) | (this.paper === 'out' ? 0x0f : 0);
  }

  private asbPacket(): Uint8Array {
    const b0 = 0x10 | (this.drawerOpen ? 0x04 : 0) | (this.online() ? 0 : 0x08) | (this.cover ? 0x20 : 0);
    const b2 = (this.paper === 'near-end' ? 0x03 : 0) | (this.paper === 'out' ? 0x0f : 0);
    return Uint8Array.of(b0, 0x00, b2, 0x00);
  }

  private pushAsb(): void {
    if (this.asbMask === 0 || this.opts.mute) return;
    const p = this.asbPacket();
    for (const r of this.replies) r(p);
  }
}
