// A virtual Protocollo 17 terminal: the same framing and messages as the driver, served over TCP
// (the terminal is the server, pos-practice.md §3.1) and over a pty (serial). It keeps its own
// "last result" memory for G and its own totals, like a real terminal's static memory.
import net from 'node:net';
import { SerialPort } from 'serialport';
import { systemClock, type Clock } from '../../src/common/clock';
import { nullLogger, type Logger } from '../../src/common/logger';
import { FrameDecoder, encodeApp, encodeControl, encodeProgress } from './protocol17/frame-codec';
import { ACK, NAK, type LrcMode } from './protocol17/lrc';
import { buildResult, buildStatusReply, buildTotalsReply, parseRequest, type TxResult } from './protocol17/messages';
import { scenario as namedScenario, type ScenarioName, type VirtualScenario } from './virtual-scenarios';

/** Noise with lone ACK/NAK bytes that are not control frames (no ETX after them). */
const GARBAGE = Buffer.from([0x00, 0xff, 0x41, 0x15, 0x7e, 0x06, 0x20, 0x0d, 0x0a]);

type Link = { write(b: Buffer): void; drop(): void; readonly label: string };

export type VirtualTerminalOptions = { terminalId?: string; lrcMode?: LrcMode; clock?: Clock; logger?: Logger };

export class VirtualTerminal {
  readonly terminalId: string;
  private readonly mode: LrcMode;
  private readonly clock: Clock;
  private readonly log: Logger;
  private current: VirtualScenario = namedScenario('approve');
  private naksLeft = 0;
  private stan = 0;
  private last: TxResult | null = null;
  private lastApproved: TxResult | null = null;
  private total = { count: 0, cents: 0 };
  private servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  private readonly ports = new Set<SerialPort>();
  private pendingCard: ((how: 'card' | 'cancel') => void) | null = null;
  /** Accepted (ACKed) commands by message code: the tests' proof that P went out once. */
  readonly received: Record<string, number> = {};
  /** Every application frame received, including NAKed ones. */
  framesReceived = 0;

  constructor(opts: VirtualTerminalOptions = {}) {
    this.terminalId = opts.terminalId ?? '00000000';
    this.mode = opts.lrcMode ?? 'std';
    this.clock = opts.clock ?? systemClock;
    this.log = opts.logger ?? nullLogger;
  }

  setScenario(s: ScenarioName | Partial<VirtualScenario>, opts: { slowMs?: number; cardWaitMs?: number } = {}): VirtualScenario {
    this.current = typeof s === 'string' ? namedScenario(s, opts) : { ...namedScenario('approve'), ...s };
    this.naksLeft = this.current.nakFirst;
    return this.current;
  }

  get scenario(): VirtualScenario {
    return this.current;
  }

  /** The cardholder presses ANNULLA; true when a payment was waiting. */
  cancelByCardholder(): boolean {
    const p = this.pendingCard;
    this.pendingCard = null;
    p?.('cancel');
    return p !== null;
  }

  /** The cardholder presents a card in the 'wait-for-card' scenario. */
  presentCard(): boolean {
    const p = this.pendingCard;
    this.pendingCard = null;
    p?.('card');
    return p !== null;
  }

  lastResultSaved(): TxResult | null {
    return this.last;
  }

  totals(): { count: number; totalCents: number } {
    return { count: this.total.count, totalCents: this.total.cents };
  }

  async listenTcp(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    const server = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('error', () => {});
      socket.once('close', () => this.sockets.delete(socket));
      const link: Link = { write: (b) => void (socket.writable && socket.write(b)), drop: () => socket.destroy(), label: `tcp ${socket.remotePort}` };
      this.attach(link, (cb) => socket.on('data', cb));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.servers.push(server);
    const addr = server.address() as net.AddressInfo;
    return { host, port: addr.port };
  }

  /** Serves the protocol on one end of a pty pair (the driver opens the other end). */
  async attachPty(path: string): Promise<void> {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    port.on('error', () => {});
    this.ports.add(port);
    const link: Link = { write: (b) => void (port.isOpen && port.write(b)), drop: () => void port.flush(), label: `pty ${path}` };
    this.attach(link, (cb) => port.on('data', cb));
  }

  async close(): Promise<void> {
    this.pendingCard = null;
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    await Promise.all([...this.ports].map((p) => new Promise<void>((r) => (p.isOpen ? p.close(() => r()) : r()))));
    this.servers = [];
    this.ports.clear();
  }

  // ---- protocol ---------------------------------------------------------------------------

  private attach(link: Link, onData: (cb: (c: Buffer) => void) => void): void {
    const decoder = new FrameDecoder(this.mode);
    let ackWaiter: ((ok: boolean) => void) | null = null;
    // Half duplex, like a real terminal: one outbound message at a time waits for its ACK; a second one
    // sent meanwhile would take that ACK and leave the first to be repeated later, unasked.
    let sending: Promise<void> = Promise.resolve();
    const send = (payload: string): Promise<void> => (sending = sending.then(() => sendNow(payload)));
    const sendNow = async (payload: string): Promise<void> => {
      const frame = encodeApp(payload, this.mode);
      for (let i = 0; i <= 3; i++) {
        if (this.current.garbage) link.write(GARBAGE);
        link.write(frame);
        const ok = await new Promise<boolean | null>((r) => {
          const t = setTimeout(() => r(null), 1_000);
          ackWaiter = (v) => {
            clearTimeout(t);
            r(v);
          };
        });
        ackWaiter = null;
        if (ok === true) return;
      }
    };
    const progress = (text: string) => {
      if (this.current.garbage) link.write(GARBAGE);
      link.write(encodeProgress(text));
    };
    onData((chunk) => {
      for (const f of decoder.push(chunk)) {
        if (f.type === 'ack' || f.type === 'nak') {
          ackWaiter?.(f.type === 'ack');
          continue;
        }
        if (f.type !== 'app') continue;
        this.framesReceived++;
        if (!f.lrcOk || this.naksLeft > 0) {
          if (f.lrcOk) this.naksLeft--;
          link.write(encodeControl(NAK, this.mode));
          continue;
        }
        link.write(encodeControl(ACK, this.mode));
        void this.handle(f.payload.toString('latin1'), link, send, progress).catch((e: unknown) => this.log.warn('virtual terminal error', { error: String(e) }));
      }
    });
  }

  private async handle(payload: string, link: Link, send: (p: string) => Promise<void>, progress: (t: string) => void): Promise<void> {
    const req = parseRequest(payload);
    const code = req.code === 'other' ? payload.slice(9, 10) : req.code;
    this.received[code] = (this.received[code] ?? 0) + 1;
    this.log.debug('virtual terminal request', { code, link: link.label });
    switch (req.code) {
      case 'P':
        return this.payment(req.amountCents, link, send, progress);
      case 'S': {
        const target = this.lastApproved;
        if (target && target.amountCents !== null && (/^0+$/.test(req.stan) || req.stan === target.stan)) {
          this.lastApproved = null;
          this.total.count -= 1;
          this.total.cents -= target.amountCents;
          return send(buildResult({ ...target, stan: this.nextStan(), hostDateTime: this.hostDateTime() }));
        }
        return send(buildResult(this.ko('STORNO NON POSSIBILE', '000', null)));
      }
      case 's':
        return send(buildStatusReply({ terminalId: this.terminalId, dateTime: this.statusDateTime(), status: this.current.statusCode, softwareRelease: 'VIRTUAL-17 1.0' }));
      case 'T':
        return send(buildTotalsReply({ terminalId: this.terminalId, resultCode: '00', totalCents: this.total.cents, count: this.total.count }));
      case 'G':
        return send(buildResult(this.last ?? { ...this.ko('NESSUNA TRANSAZIONE', '000', null), stan: '000000' }));
      default:
        return send(buildResult(this.ko('MESSAGGIO SCONOSCIUTO', '000', null, '09')));
    }
  }

  private async payment(amountCents: number, link: Link, send: (p: string) => Promise<void>, progress: (t: string) => void): Promise<void> {
    const s = this.current;
    if (s.outcome === 'drop-before-processing') return link.drop();
    if (s.outcome === 'wait-for-card') {
      progress('INSERIRE CARTA');
      // No card within cardWaitMs: the terminal gives up by itself, as a real one does.
      let timer: NodeJS.Timeout | undefined;
      const how = await new Promise<'card' | 'cancel'>((r) => {
        this.pendingCard = r;
        timer = setTimeout(() => {
          if (this.pendingCard === r) this.pendingCard = null;
          r('cancel');
        }, s.cardWaitMs);
        timer.unref();
      });
      clearTimeout(timer);
      const tx = how === 'card' ? this.approve(amountCents) : this.save(this.ko('OPERAZIONE ANNULLATA', '000', amountCents));
      return send(buildResult(tx));
    }
    let cancelled = false;
    this.pendingCard = (how) => (cancelled = how === 'cancel');
    for (const text of s.progress) {
      if (cancelled) break;
      progress(text);
      await new Promise((r) => setTimeout(r, s.progressIntervalMs));
    }
    this.pendingCard = null;
    if (cancelled) return send(buildResult(this.save(this.ko('OPERAZIONE ANNULLATA', '000', amountCents))));
    switch (s.outcome) {
      case 'approve':
        return this.sendResult(send, buildResult(this.approve(amountCents)));
      case 'decline':
        return this.sendResult(send, buildResult(this.save(this.ko(s.declineMessage, s.declineActionCode, amountCents))));
      case 'timeout':
        if (s.timeoutRecords === 'approved') this.approve(amountCents);
        return; // never answers
      case 'drop-after-approve':
        this.approve(amountCents);
        return link.drop();
    }
  }

  /** A result; with 'lost-ack' the terminal did not see the ECR's ACK and repeats it (pos-practice.md §3.1). */
  private async sendResult(send: (p: string) => Promise<void>, result: string): Promise<void> {
    await send(result);
    if (this.current.lostResultAck) await send(result);
  }

  private approve(amountCents: number): TxResult {
    this.total.count += 1;
    this.total.cents += amountCents;
    const stan = this.nextStan();
    const tx: TxResult = {
      terminalId: this.terminalId,
      resultCode: '00',
      pan: '4999********0019',
      entryMode: 'ICC',
      authCode: `A${stan.slice(-5)}`,
      hostDateTime: this.hostDateTime(),
      errorDescription: '',
      cardType: '2',
      acquirerId: 'VIRTUALACQ',
      stan,
      onlineId: stan,
      actionCode: '000',
      amountCents,
    };
    this.lastApproved = tx;
    return this.save(tx);
  }

  private ko(message: string, actionCode: string, amountCents: number | null, resultCode = '01'): TxResult {
    return {
      terminalId: this.terminalId,
      resultCode,
      pan: '',
      entryMode: '',
      authCode: '',
      hostDateTime: '',
      errorDescription: message,
      cardType: '0',
      acquirerId: 'VIRTUALACQ',
      stan: this.nextStan(),
      onlineId: '000000',
      actionCode,
      amountCents,
    };
  }

  private save(tx: TxResult): TxResult {
    this.last = tx;
    return tx;
  }

  private nextStan(): string {
    this.stan = (this.stan % 999_999) + 1;
    return String(this.stan).padStart(6, '0');
  }

  /** DDDHHMM: day of year + time (host date/time field of the result). */
  private hostDateTime(): string {
    const d = new Date(this.clock.now());
    const start = Date.UTC(d.getUTCFullYear(), 0, 1);
    const doy = Math.floor((d.getTime() - start) / 86_400_000) + 1;
    return `${String(doy).padStart(3, '0')}${String(d.getUTCHours()).padStart(2, '0')}${String(d.getUTCMinutes()).padStart(2, '0')}`;
  }

  /** DDMMYYhhmm for the 's' reply. */
  private statusDateTime(): string {
    const d = new Date(this.clock.now());
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(d.getUTCDate())}${p(d.getUTCMonth() + 1)}${p(d.getUTCFullYear() % 100)}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
  }
}
