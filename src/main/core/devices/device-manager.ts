// Owns every device of one counter/kiosk: builds drivers from the configuration through the injected
// DriverBindings ('virtual' transports use the endpoints of a virtual lab the composition root runs),
// watches health with reconnect backoff, fans scans out, and runs the technician's diagnostics (issue #5 §5).
import type { PrinterStatus, ReceiptPrinter } from '../../../../drivers/escpos-printer/interface';
import type { Scanner } from '../../../../drivers/scanner/interface';
import { systemClock, type Clock } from '../../../common/clock';
import type { ScanEvent } from '../../../common/scan/scan-event';
import type { DevicesConfig, TransportConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { Backoff } from '../../../common/backoff';
import { assertDevicesConfig, describeTransport } from './config-validation';
import type { ConfiguredTerminal, DeviceHealthRow, DriverBindings, ResolvedPrinterConfig, VirtualEndpoints } from './device-ports';
import { createDiagnostics, type Diagnostics } from './diagnostics';
import { DeviceError } from './errors';
import { terminalDriverConfig, type TerminalTimings } from './terminal-binding';

export type DeviceManagerOptions = {
  config: DevicesConfig;
  logger: Logger;
  clock?: Clock;
  /** Driver constructors (src/main/app/devices/driver-bindings.ts); a missing one = that driver is not available. */
  bindings: Partial<DriverBindings>;
  /** Where 'virtual' transports point (a virtual lab started by the composition root); absent = not running. */
  virtual?: VirtualEndpoints;
  /** Printed on the test page. */
  stationId?: string;
  healthIntervalMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  terminalTimings?: TerminalTimings;
};

type Watched = { health: DeviceHealthRow; probe: (() => Promise<void>) | null; backoff: Backoff; timer: NodeJS.Timeout | null };

export class DeviceManager {
  printer: ReceiptPrinter | null = null;
  terminal: ConfiguredTerminal | null = null;
  readonly diagnostics: Diagnostics;
  private readonly config: DevicesConfig;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly bindings: Partial<DriverBindings>;
  private readonly virtual: VirtualEndpoints | null;
  private readonly scanners: { name: string; port: Scanner }[] = [];
  private readonly scanListeners = new Set<(e: ScanEvent) => void>();
  private readonly healthListeners = new Set<(h: DeviceHealthRow[]) => void>();
  private readonly watched = new Map<string, Watched>();
  private readonly unsubscribers: (() => void)[] = [];
  private started = false;

  constructor(private readonly opts: DeviceManagerOptions) {
    this.config = opts.config;
    this.log = opts.logger.child('devices');
    this.clock = opts.clock ?? systemClock;
    this.bindings = opts.bindings;
    this.virtual = opts.virtual ?? null;
    this.diagnostics = createDiagnostics({
      printer: () => this.printer,
      terminal: () => this.terminal,
      config: this.config,
      bindings: this.bindings,
      stationId: opts.stationId ?? 'T01',
      clock: this.clock,
      waitForScan: (ms) => this.nextScan(ms),
    });
  }

  async start(): Promise<void> {
    if (this.started) return;
    assertDevicesConfig(this.config);
    this.started = true;
    const c = this.config;
    this.startTerminal();
    this.startPrinter();
    this.startScanners();
    if (c.camera.enabled)
      this.add({ role: 'camera', name: 'camera', driver: 'zxing', transport: 'renderer', connected: true, ready: true, detail: 'read in the renderer (getUserMedia + zxing)' }, null);
    for (const w of this.watched.values()) this.schedule(w, 0);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    for (const w of this.watched.values()) if (w.timer) clearTimeout(w.timer);
    for (const u of this.unsubscribers.splice(0)) u();
    const closing: Promise<void>[] = [];
    if (this.terminal) closing.push(this.terminal.close());
    if (this.printer) closing.push(this.printer.close());
    for (const s of this.scanners) closing.push(s.port.close());
    await Promise.allSettled(closing);
    this.scanners.length = 0;
    this.terminal = null;
    this.printer = null;
  }

  onScan(cb: (e: ScanEvent) => void): () => void {
    this.scanListeners.add(cb);
    return () => this.scanListeners.delete(cb);
  }

  onHealthChange(cb: (h: DeviceHealthRow[]) => void): () => void {
    this.healthListeners.add(cb);
    return () => this.healthListeners.delete(cb);
  }

  health(): DeviceHealthRow[] {
    return [...this.watched.values()].map((w) => ({ ...w.health }));
  }

  /** Re-probe every device now (the technician's "refresh"); resolves when all probes ran. */
  async refresh(): Promise<DeviceHealthRow[]> {
    await Promise.all([...this.watched.values()].map((w) => this.runProbe(w)));
    return this.health();
  }

  // ---- roles ------------------------------------------------------------------------------

  private startTerminal(): void {
    const cfg = this.config.terminal;
    const base = { role: 'terminal' as const, name: 'terminal', driver: cfg.protocol, transport: describeTransport(cfg.transport) };
    if (!cfg.enabled) return;
    try {
      if (!this.bindings.createTerminal) throw new DeviceError('unavailable', 'card terminal driver not available');
      const terminal = this.bindings.createTerminal(terminalDriverConfig(cfg, this.virtual?.terminal ?? null, this.opts.terminalTimings), this.opts.logger.child('terminal'), this.clock);
      this.terminal = terminal;
      const transport = cfg.transport.type === 'virtual' ? `virtual (${terminal.description})` : base.transport;
      this.add({ ...base, transport, connected: false, ready: false, detail: 'not checked yet' }, async (h) => {
        const s = await terminal.status();
        const d = terminal.health();
        h.connected = s.state !== 'offline';
        h.ready = s.state === 'ready';
        h.detail = s.state === 'ready' ? s.detail : `${s.state}: ${s.detail}`;
        h.lastError = s.state === 'offline' || s.state === 'error' ? s.detail : d.lastError;
        h.lastSeen = d.lastSeen;
        if (s.state === 'offline') throw new DeviceError('unavailable', s.detail);
      });
    } catch (e) {
      this.add({ ...base, connected: false, ready: false, detail: (e as Error).message, lastError: (e as Error).message }, null);
    }
  }

  private startPrinter(): void {
    const cfg = this.config.printer;
    if (!cfg.enabled) return;
    const base = { role: 'printer' as const, name: 'printer', driver: `escpos/${cfg.codePage}`, transport: describeTransport(cfg.transport) };
    const resolved = this.resolvePrinterTransport(cfg.transport);
    if (!this.bindings.createPrinter || !resolved) {
      const why = !this.bindings.createPrinter ? 'printer driver not available' : 'the virtual printer is not running';
      this.add({ ...base, connected: false, ready: false, detail: why, lastError: why }, null);
      if (this.config.drawer.enabled) this.add({ role: 'drawer', name: 'drawer', driver: 'escpos-pulse', transport: 'printer', connected: false, ready: false, detail: why, lastError: why }, null);
      return;
    }
    const printer = this.bindings.createPrinter({ ...cfg, transport: resolved } as ResolvedPrinterConfig, this.opts.logger.child('printer'));
    this.printer = printer;
    const transport = cfg.transport.type === 'virtual' ? `virtual (${describeTransport(resolved)})` : base.transport;
    const apply = (h: DeviceHealthRow, s: PrinterStatus) => {
      const d = printer.health();
      h.connected = s.state !== 'disconnected' && s.state !== 'offline';
      h.ready = s.state === 'ready' || s.state === 'paper-near-end';
      h.paper = s.state === 'paper-out' ? 'out' : s.paperNearEnd || s.state === 'paper-near-end' ? 'near-end' : h.connected ? 'ok' : 'unknown';
      h.detail = s.detail || s.state;
      h.lastError = h.ready ? d.lastError : s.detail || s.state;
      h.lastSeen = d.lastSeen;
      const drawer = this.watched.get('drawer');
      if (drawer) {
        drawer.health.connected = h.connected;
        drawer.health.ready = h.connected;
        drawer.health.detail = s.drawerOpen === null ? 'state not reported' : s.drawerOpen ? 'open' : 'closed';
        drawer.health.lastSeen = d.lastSeen;
      }
    };
    this.add({ ...base, transport, connected: false, ready: false, detail: 'not checked yet', paper: 'unknown' }, async (h) => {
      apply(h, await printer.status());
      if (!h.connected) throw new DeviceError('unavailable', h.detail);
    });
    if (this.config.drawer.enabled) {
      this.add({ role: 'drawer', name: 'drawer', driver: `escpos-pulse pin ${this.config.drawer.pin}`, transport: 'printer', connected: false, ready: false, detail: 'follows the printer' }, null);
    }
    // Every reading the driver takes (the ones during a job, ASB pushes) reaches the health rows and the
    // screens at once, not at the next probe (issue #11 §6: paper out mid-receipt was shown 15 s late).
    this.unsubscribers.push(
      printer.onStatus((s) => {
        const w = this.watched.get('printer');
        if (!w || !this.started) return;
        const before = JSON.stringify([w.health, this.watched.get('drawer')?.health]);
        apply(w.health, s);
        if (JSON.stringify([w.health, this.watched.get('drawer')?.health]) !== before) this.emitHealth();
      }),
    );
  }

  private resolvePrinterTransport(t: TransportConfig): ResolvedPrinterConfig['transport'] | null {
    if (t.type !== 'virtual') return t as ResolvedPrinterConfig['transport'];
    const p = this.virtual?.printer;
    return p && 'host' in p ? { type: 'tcp', host: p.host, port: p.port } : null;
  }

  private startScanners(): void {
    for (const s of this.config.scanners) {
      const base = { role: 'scanner' as const, name: s.name, transport: describeTransport(s.transport) };
      const t = s.transport;
      if (t.type === 'wedge') {
        this.add({ ...base, driver: 'keyboard-wedge', connected: true, ready: true, detail: 'keystrokes are read by the renderer (wedge detector)' }, null);
        continue;
      }
      // assertDevicesConfig already refused tcp/file for scanners.
      if (t.type !== 'serial' && t.type !== 'hid' && t.type !== 'virtual') continue;
      const driver = t.type === 'hid' ? 'hid-pos' : 'serial';
      const fail = (why: string) => this.add({ ...base, driver, connected: false, ready: false, detail: why, lastError: why }, null);
      // 'virtual' = the lab's serial scanner on its socat pty (src/main/virtual-lab).
      let labPath: string | undefined;
      if (t.type === 'virtual') {
        const lab = this.virtual?.scanner;
        labPath = lab && 'path' in lab ? lab.path : undefined;
        if (!labPath) {
          fail(lab && 'unavailable' in lab ? lab.unavailable : 'virtual lab not running');
          continue;
        }
      }
      if (!this.bindings.createScanner) {
        fail('scanner driver not available');
        continue;
      }
      const log = this.opts.logger.child(`scanner/${s.name}`);
      let port: Scanner;
      try {
        port = this.bindings.createScanner({ name: s.name, prefix: s.prefix, suffix: s.suffix, transport: t }, log, labPath);
      } catch (e) {
        fail((e as Error).message);
        continue;
      }
      this.scanners.push({ name: s.name, port });
      const onScan = (e: ScanEvent) => this.emitScan(e);
      port.on('scan', onScan);
      this.unsubscribers.push(() => void port.off('scan', onScan));
      // Serial and HID drivers both retry by themselves after a failed open or an unplug.
      const opened = port.open().catch((e: unknown) => log.warn('scanner open failed', { error: String(e) }));
      const transport = labPath ? `virtual (serial:${labPath})` : base.transport;
      // Same probe for serial and HID: the driver reconnects by itself, the probe reports what it sees.
      this.add({ ...base, transport, driver, connected: false, ready: false, detail: 'not checked yet' }, async (h) => {
        await opened;
        const d = port.health();
        h.connected = d.connected;
        h.ready = d.connected;
        h.detail = d.connected ? 'listening' : (d.lastError ?? 'disconnected');
        h.lastError = d.lastError;
        h.lastSeen = d.lastSeen;
        if (!d.connected) throw new DeviceError('unavailable', h.detail);
      });
    }
  }

  private emitScan(e: ScanEvent): void {
    const w = this.watched.get(`scanner:${e.source}`);
    if (w) w.health.lastSeen = e.at;
    this.notify(this.scanListeners, e, 'scan listener failed');
  }

  private nextScan(timeoutMs: number): Promise<ScanEvent | null> {
    return new Promise((resolve) => {
      const off = this.onScan((e) => {
        clearTimeout(timer);
        off();
        resolve(e);
      });
      const timer = setTimeout(() => {
        off();
        resolve(null);
      }, timeoutMs);
    });
  }

  // ---- health watching --------------------------------------------------------------------

  private add(h: Omit<DeviceHealthRow, 'lastError' | 'lastSeen'> & Partial<Pick<DeviceHealthRow, 'lastError' | 'lastSeen'>>, probe: ((h: DeviceHealthRow) => Promise<void>) | null): void {
    const health: DeviceHealthRow = { ...h, lastError: h.lastError ?? null, lastSeen: h.lastSeen ?? null };
    const key = h.role === 'scanner' ? `scanner:${h.name}` : h.role;
    const b = this.opts.backoff ?? { baseMs: 1_000, maxMs: 30_000 };
    this.watched.set(key, { health, probe: probe ? () => probe(health) : null, backoff: new Backoff(b.baseMs, b.maxMs), timer: null });
  }

  private schedule(w: Watched, delayMs: number): void {
    if (!w.probe || !this.started) return;
    w.timer = setTimeout(() => {
      void this.runProbe(w).then((ok) => this.schedule(w, ok ? (this.opts.healthIntervalMs ?? 15_000) : w.backoff.fail()));
    }, delayMs);
    w.timer.unref();
  }

  private async runProbe(w: Watched): Promise<boolean> {
    if (!w.probe) return true;
    const before = JSON.stringify(w.health);
    let ok = true;
    try {
      await w.probe();
      w.backoff.succeed();
    } catch (e) {
      ok = false;
      w.health.connected = false;
      w.health.ready = false;
      w.health.lastError = (e as Error).message;
    }
    if (JSON.stringify(w.health) !== before) this.emitHealth();
    return ok;
  }

  private emitHealth(): void {
    this.notify(this.healthListeners, this.health(), 'health listener failed');
  }

  /** A throwing listener must not starve the others (a scan still reaches the payment screen). */
  private notify<T>(listeners: Set<(v: T) => void>, value: T, failure: string): void {
    for (const cb of [...listeners]) {
      try {
        cb(value);
      } catch (err) {
        this.log.error(failure, { error: String(err) });
      }
    }
  }
}
