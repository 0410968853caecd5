// Composition root (style.md §10): builds the core from the configuration in the order that keeps money
// safe — store → operators/shifts → node → devices → print service → payment engine → RECOVERY of
// in-flight payments and print jobs before any sale (pos-practice.md §6 "Crash recovery") → sync
// worker → status events — and exposes the typed handler map. close() tears down in reverse order.
// It is THE composition root: `sportello serve`, the Electron shell and every CLI command that writes
// (headless: true) build the terminal here, so they all meet the same rules (issue #9 §1).
import path from 'node:path';
import { systemClock, type Clock } from '../../common/clock';
import type { HandlerImpl, HandlerName } from '../../common/ipc/contract';
import type { AppInfo } from '../../common/ipc/system';
import type { BridgeTransport } from '../../common/ipc/common';
import type { SportelloConfig } from '../core/config/schema';
import type { SecretBoxFor } from '../core/config/secret-box';
import type { TerminalTimings } from '../core/devices/terminal-binding';
import type { VirtualLab } from '../virtual-lab/virtual-lab';
import { createLogger, LogRing, type LogSink, type Logger } from '../core/log/logger';
import type { ScryptParams } from '../core/operators/pin-hash';
import { PaymentEngine } from '../core/payments/engine';
import { SyncWorker } from '../core/payments/sync-worker';
import { PrintService } from '../core/printing/print-service';
import { SaleService, type SaleDevices } from '../core/sale/sale-service';
import { CatalogueStore } from '../core/spontaneous/catalogue-store';
import { SpontaneousService, type SpontaneousNode } from '../core/spontaneous/spontaneous-service';
import { createNodeClientFromConfig } from '../core/node/from-config';
import type { OperatorService } from '../core/operators/operator-service';
import type { ShiftService } from '../core/shifts/shift-service';
import { createShiftServices } from '../core/shifts/create-shift-services';
import { openDatabase, writeTransaction, type Db } from '../core/store/database';
import { appendJournal } from '../core/journal/journal';
import { startJournalGuard, type JournalGuard } from '../core/journal/journal-anchor';
import { acknowledgeChangedRows, checkPaymentSeals, startupSealScope } from '../core/payments/row-seal';
import type { AppContext } from './app-context';
import { toIpcHealth } from './device-health';
import { createCartHandlers } from './cart-handlers';
import { createDeviceHandlers } from './device-handlers';
import { startDeviceRuntime, type DeviceRuntime } from './device-runtime';
import { createDispatcher, missingHandlers, type Dispatch } from './dispatcher';
import { EventHub } from './event-hub';
import { createNoticeHandlers } from './notice-handlers';
import { startNodeRuntime, type NodeRuntime } from './node-runtime';
import { createPaymentHandlers } from './payment-handlers';
import { toPaymentView } from './payment-view';
import { createQueueHandlers, queuedPayments, undelivered } from './queue-handlers';
import { createReceiptHandlers } from './receipt-handlers';
import { recoverBeforeSales, type RecoveryReport } from './recovery';
import { createSessionHandlers } from './session-handlers';
import { createShiftHandlers } from './shift-handlers';
import { createSpontaneousHandlers } from './spontaneous-handlers';
import { buildStatus, kioskAvailability } from './status';
import { createSystemHandlers } from './system-handlers';
import { createTransferExportHandlers } from './transfer-export-handlers';

export type CreateAppOptions = {
  config: SportelloConfig;
  dataDir: string;
  /** Default: config.terminal.mode. */
  mode?: 'counter' | 'kiosk';
  clock?: Clock;
  /** Extra log sinks (stderr, file); the in-memory ring for logs/list is always attached. */
  logSinks?: LogSink[];
  transport?: BridgeTransport;
  /** Default <dataDir>/sportello.db. */
  dbFile?: string;
  /** Where config/update persists. Default <dataDir>/config.json. */
  configFile?: string;
  /** Seals the secrets config/update writes (the Electron shell: the OS key store). Default: the headless fallback. */
  secretBox?: SecretBoxFor;
  /** Called by kiosk/exit after the technician PIN check (the shell quits). */
  onKioskExit?: () => void;
  /** Called by tech/devtools after the technician PIN check (the Electron shell opens DevTools). */
  onOpenDevTools?: () => Promise<void> | void;
  /** How often the status is recomputed and pushed when it changed (default 5 s). */
  statusIntervalMs?: number;
  /** PIN hashing cost for first-run accounts (tests use a cheap one; default DEFAULT_SCRYPT_PARAMS). */
  scryptParams?: ScryptParams;
  /** Device re-probe interval when healthy (default 15 s, DeviceManager). */
  healthIntervalMs?: number;
  terminalTimings?: TerminalTimings;
  /** Sync worker pass interval when online (default 5 s). */
  syncIntervalMs?: number;
  /** A virtual lab already running, used for 'virtual' transports instead of an in-process one (tests). */
  lab?: VirtualLab;
  /** Upper bound on the node calls of startup recovery; the sync worker finishes what is left (default 10 s). */
  recoveryTimeoutMs?: number;
  /**
   * Headless (the CLI): the same core and the same rules, without the background sync worker loop (the
   * command drives it) and without the periodic status push.
   */
  headless?: boolean;
  /** 'none' builds no device at all (commands that never print or charge). Default: as configured. */
  devices?: 'configured' | 'none';
  /** How this process names itself to a refused second writer (e.g. 'sportello pay'). */
  writerLabel?: string;
  /** false: skip startup recovery of payments (commands that never touch payments: shift, operators). */
  recover?: boolean;
  /**
   * Demo mode (issue #10 §2): set only by `sportello serve` and the Electron shell (`npm start`). With the
   * embedded simulator (no node URL) an empty terminal gets the demo accounts; otherwise — and always for
   * the CLI — no operator is created implicitly (the first supervisor comes from `operators init`).
   */
  demoAccounts?: boolean;
};

export type DemoControl = { nodeSimulatorAdmin: string | null; deviceLabAdmin: string | null; dataDir: string; milSimulatorAdmin?: string | null };

export type AppServices = {
  readonly engine: PaymentEngine;
  readonly sale: SaleService;
  readonly operators: OperatorService;
  readonly shifts: ShiftService;
  readonly worker: SyncWorker;
  readonly print: PrintService;
  readonly devices: DeviceRuntime;
  readonly node: NodeRuntime;
  /** Services catalogue and demandPaymentNotice (issue #13). */
  readonly spontaneous: SpontaneousService;
};

export type App = {
  readonly handlers: Partial<HandlerImpl>;
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly logger: Logger;
  readonly db: Db;
  /** Contract entries with no implementation in this build (answer 'not-implemented'). */
  readonly missing: readonly HandlerName[];
  /** Admin URLs of the embedded simulator / virtual lab (null when neither runs in-process). */
  readonly demo: DemoControl | null;
  /** What startup recovery did before the first sale. */
  readonly recovery: RecoveryReport;
  /** The start-up journal check and its technician acknowledgement (issue #10 §1). */
  readonly journal: JournalGuard;
  readonly services: AppServices;
  info(): AppInfo;
  /** Recomputes the status and pushes 'status/changed' if it differs from the last one. */
  refreshStatus(): void;
  close(): Promise<void>;
};

export async function createApp(opts: CreateAppOptions): Promise<App> {
  const clock = opts.clock ?? systemClock;
  const ring = new LogRing();
  const logger = createLogger('app', { sinks: [ring.sink, ...(opts.logSinks ?? [])] });
  let config = opts.config;
  const mode = opts.mode ?? config.terminal.mode;
  const startedAt = new Date(clock.now()).toISOString();
  // Demo = everything embedded: the node simulator, or with upstream mil the MIL simulator (issue #14).
  const demoNode = config.upstream.kind === 'mil' ? config.upstream.mil.url === null && config.node.url === null : config.node.url === null;

  // Teardown runs in reverse order of construction; each step is registered as soon as it exists.
  const closers: Array<() => Promise<void> | void> = [];
  const closeAll = async () => {
    for (const c of closers.splice(0).reverse()) {
      try {
        await c();
      } catch (err) {
        logger.warn('close step failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  };

  try {
    // 1. Store: WAL + synchronous=FULL + migrations + integrity check (throws StoreError, the shell shows it).
    //    Taking the database's writer lock: a second writer (serve, Electron, a CLI command) is refused here.
    const dbFile = opts.dbFile ?? path.join(opts.dataDir, 'sportello.db');
    const db = openDatabase(dbFile, opts.writerLabel ? { writer: { command: opts.writerLabel } } : {});
    closers.push(() => {
      db.close();
    });

    // 1b. Tamper evidence (issue #10 §1): verify the journal incrementally against the signed head kept
    //     beside the database; a broken journal refuses every sale (SaleService) until a technician acts.
    const journal = startJournalGuard(
      db,
      dbFile,
      () => new Date(clock.now()).toISOString(),
      (type, data) => writeTransaction(db, () => appendJournal(db, { type, data, at: new Date(clock.now()).toISOString() })),
      {
        // Rows changed behind the app's back (an UPDATE on payments) break the check like a broken chain.
        check: () => checkPaymentSeals(db, startupSealScope(clock.now())),
        acknowledge: (by) => void acknowledgeChangedRows(db, by, new Date(clock.now()).toISOString()),
      },
    );
    const journalState = journal.integrity();
    if (!journalState.ok) logger.error('journal integrity check failed: sales are refused', { firstBadSeq: journalState.firstBadSeq, reason: journalState.reason });
    closers.push(() => journal.anchor()); // runs just before db.close(): the head of a clean shutdown

    // 2. Operators and shifts (demo mode only: demo accounts on first run; production creates none).
    const demoAccounts = opts.demoAccounts === true && demoNode;
    const { operators, shifts, createdOperators } = await createShiftServices({
      db,
      clock,
      terminalId: config.terminal.id,
      demo: demoAccounts,
      logger,
      ...(opts.scryptParams ? { scryptParams: opts.scryptParams } : {}),
    });
    if (createdOperators.length > 0) logger.info('first run: operators created', { ids: createdOperators, demo: demoNode });

    // 3. Node: the configured endpoint, or the embedded simulator on 127.0.0.1 with a real SOAP client.
    const node = await startNodeRuntime({ config, logger, now: () => clock.now() });
    closers.push(() => node.close());

    // 4. Devices: DeviceManager; 'virtual' transports run the lab in-process behind real sockets/ptys.
    const deviceConfig: SportelloConfig = opts.devices === 'none' ? withoutDevices(config) : config;
    const devices = await startDeviceRuntime({
      config: deviceConfig,
      logger,
      clock,
      ...(opts.healthIntervalMs !== undefined ? { healthIntervalMs: opts.healthIntervalMs } : {}),
      ...(opts.terminalTimings ? { terminalTimings: opts.terminalTimings } : {}),
      ...(opts.lab ? { lab: opts.lab } : {}),
    });
    closers.push(() => devices.close());

    // 5. Print service on the device manager's printer.
    const print = new PrintService({ db, printer: devices.printer, clock, logger: logger.child('print'), layout: devices.receiptLayout, previewer: devices.receiptPreviewer });

    // 6. Payment engine.
    const engine = new PaymentEngine({ db, node: node.observed, config, clock, logger });

    // 7. Recovery BEFORE any handler is exposed: interrupted print jobs → held; orphaned payments of a
    //    previous process → KO / exception (pagopa-psp.md §3.11, pos-practice.md §3.4).
    const recovery: RecoveryReport =
      opts.recover === false ? { heldPrintJobs: [], payments: {} } : await recoverBeforeSales({ engine, print, logger, clock, timeoutMs: opts.recoveryTimeoutMs ?? 10_000 });

    // 8. Sync worker.
    const worker = new SyncWorker({ engine, logger, ...(opts.syncIntervalMs !== undefined ? { intervalMs: opts.syncIntervalMs } : {}) });
    if (!opts.headless) worker.start();
    closers.push(() => worker.stop());
    // Outcome deliveries started by a collection run detached from the request: let them finish.
    closers.push(() => engine.idle());

    const events = new EventHub(logger.child('events'));

    // 9. The sale use-cases with every money rule, over the devices this root built.
    const saleDevices: SaleDevices = {
      openDrawer: (pin) => devices.printer.openDrawer(pin),
      terminal: () => devices.manager.terminal,
      terminalReady: () => devices.manager.health().some((h) => h.role === 'terminal' && h.connected),
      refresh: () => {
        devices.manager.refresh().then(safeRefresh, () => undefined);
      },
    };
    // Spontaneous payments (issue #13): the catalogue is fetched at start and every refreshHours (SANP: it is
    // published daily), kept in SQLite and used from there while the node is unreachable.
    // demandPaymentNotice and the catalogue are nodeForPsp operations: their own SOAP client to the configured
    // node (or the embedded simulator), whatever upstream the payments use.
    const spontaneousUrl = config.node.url ?? node.simulator?.soapUrl ?? null;
    const spontaneousClient = spontaneousUrl ? createNodeClientFromConfig(config, { embeddedUrl: spontaneousUrl, logger: logger.child('node-spontaneous') }) : null;
    if (spontaneousClient) closers.push(() => spontaneousClient.close());
    // Its failures move the status bar's node light when it is the very node the payments use.
    const spontaneousNode: SpontaneousNode | null = spontaneousClient
      ? node.upstream === 'node'
        ? { chiediCatalogoServizi: node.watch((r) => spontaneousClient.chiediCatalogoServizi(r)), demandPaymentNotice: node.watch((r) => spontaneousClient.demandPaymentNotice(r)) }
        : spontaneousClient
      : null;
    const spontaneous = new SpontaneousService({ node: spontaneousNode ?? noSpontaneousNode, store: new CatalogueStore(db), config: () => config, clock, logger });
    if (!opts.headless && config.spontaneous.enabled && spontaneousClient) {
      const refreshCatalogue = () => {
        // Fire and forget: a failed refresh is logged by the service and the stored copy stays in use.
        void spontaneous.refreshCatalogue().catch((err: unknown) => logger.warn('catalogue refresh failed', { error: err instanceof Error ? err.message : String(err) }));
      };
      refreshCatalogue();
      const catalogueTimer = setInterval(refreshCatalogue, config.spontaneous.refreshHours * 3_600_000);
      catalogueTimer.unref();
      closers.push(() => clearInterval(catalogueTimer));
    }
    const sale = new SaleService({
      mode,
      config: () => config,
      engine,
      shifts,
      operators,
      print,
      devices: saleDevices,
      db,
      clock,
      logger,
      availability: () => kioskAvailability(config, nodeState().online, deviceHealth()),
      integrity: journal.integrity,
      ...(config.spontaneous.enabled && spontaneousClient ? { spontaneous } : {}),
    });
    const session = createSessionHandlers({ operators, clock, mode, onKioskExit: opts.onKioskExit ?? null, onOpenDevTools: opts.onOpenDevTools ?? null });

    const demo: DemoControl | null =
      node.simulator || devices.labAdmin
        ? {
            nodeSimulatorAdmin: node.simulator ? `${node.simulator.url}/admin/` : null,
            deviceLabAdmin: devices.labAdmin?.url ?? null,
            dataDir: opts.dataDir,
            ...(node.milSimulator ? { milSimulatorAdmin: `${node.milSimulator.origin}/admin/` } : {}),
          }
        : null;

    const info = (): AppInfo => ({
      name: 'Sportello',
      version: process.env.SPORTELLO_BUILD_VERSION ?? 'dev',
      build: process.env.SPORTELLO_BUILD_ID ?? 'dev',
      mode,
      transport: opts.transport ?? 'browser',
      terminalId: config.terminal.id,
      location: config.terminal.location,
      node: demoNode ? 'simulator' : 'configured',
      virtualDevices: devices.lab !== null,
      language: config.ui.language,
      kioskIdleSeconds: config.ui.kioskIdleSeconds,
      kioskIdleWarningSeconds: config.ui.kioskIdleWarningSeconds,
      verifyTimeoutSeconds: Math.ceil(config.node.timeouts.verifyMs / 1000),
      startedAt,
      ...(demo ? { demo } : {}),
    });

    // 9. Status: node observation (every engine call and sync probe), queue, exceptions, devices, limits.
    const nodeState = () => {
      const o = node.last();
      return { online: o?.online ?? false, checkedAt: o ? new Date(o.checkedAt).toISOString() : null };
    };
    const deviceHealth = () => toIpcHealth(devices.manager.health(), config, clock.now());
    let lastStatus = '';
    const refreshStatus = () => {
      const snap = engine.queueSnapshot();
      const status = buildStatus({
        config,
        mode,
        node: nodeState(),
        devices: deviceHealth(),
        queue: { pending: queuedPayments(engine).length, failed: undelivered(engine).length },
        exceptionsOpen: snap.exceptionCount,
        offlineExposureCents: snap.offlineExposureCents,
        shiftOpen: shifts.current() !== null,
      });
      const { checkedAt: _d, ...devicesKey } = status.devices;
      const key = JSON.stringify({ ...status, devices: devicesKey, node: { online: status.node.online } });
      if (key === lastStatus) return;
      lastStatus = key;
      events.emit('status/changed', status);
    };
    const safeRefresh = () => {
      try {
        refreshStatus();
      } catch (err) {
        logger.warn('status refresh failed', { error: err instanceof Error ? err.message : String(err) });
      }
    };
    // Coalesce bursts (a sync pass changes many payments) into one recomputation.
    let pending: NodeJS.Immediate | null = null;
    const scheduleRefresh = () => {
      if (pending) return;
      pending = setImmediate(() => {
        pending = null;
        safeRefresh();
      });
    };
    closers.push(() => {
      if (pending) clearImmediate(pending);
    });

    const offChange = engine.onChange((p) => {
      events.emit('payment/changed', toPaymentView(p));
      scheduleRefresh();
    });
    const offNode = node.onObservation(scheduleRefresh);
    const offHealth = devices.manager.onHealthChange(scheduleRefresh);
    const offScan = devices.manager.onScan((e) => events.emit('scan', { source: e.source, raw: e.raw, symbology: e.result.ok ? e.result.notice.format : null, at: e.at }));
    closers.push(() => {
      offChange();
      offNode();
      offHealth();
      offScan();
    });

    const ctx: AppContext = {
      config: () => config,
      mode,
      clock,
      log: logger.child('app'),
      db,
      engine,
      worker,
      print,
      devices,
      node,
      events,
      operators,
      shifts,
      sale,
      session,
      availability: () => kioskAvailability(config, nodeState().online, deviceHealth()),
      refreshStatus: safeRefresh,
    };

    const handlers: Partial<HandlerImpl> = {
      ...session.handlers,
      ...createShiftHandlers({ shifts, operatorId: session.currentOperatorId }),
      ...createSystemHandlers({
        getConfig: () => config,
        setConfig: (c) => {
          // Services keep the configuration they were built with; a restart applies node/device changes.
          config = c;
        },
        configFile: opts.configFile ?? path.join(opts.dataDir, 'config.json'),
        ...(opts.secretBox ? { secretBox: opts.secretBox } : {}),
        dataDir: opts.dataDir,
        ring,
        info,
        requireTechnician: session.requireTechnician,
        now: () => clock.now(),
      }),
      ...createNoticeHandlers(ctx),
      ...createPaymentHandlers(ctx),
      ...createCartHandlers(ctx),
      ...createReceiptHandlers(ctx),
      ...createQueueHandlers(ctx),
      ...createTransferExportHandlers(ctx),
      ...createDeviceHandlers(ctx),
      ...createSpontaneousHandlers(ctx),
    };

    const inner = createDispatcher(handlers, logger.child('ipc'));
    // Any intent may change counters the status bar shows: recompute after each call.
    const dispatch: Dispatch = async (name, arg) => {
      const r = await inner(name, arg);
      safeRefresh();
      return r;
    };
    safeRefresh();
    if (!opts.headless) {
      const timer = setInterval(safeRefresh, opts.statusIntervalMs ?? 5000);
      timer.unref();
      closers.push(() => clearInterval(timer));
      // Re-sign the journal head every few seconds when it moved (issue #10 §1): entries deleted from the
      // end are caught back to at most this window even after a crash (one fsync'd write, ~8 ms).
      const anchorTimer = setInterval(() => {
        try {
          journal.anchor();
        } catch (err) {
          logger.warn('journal anchor failed', { error: err instanceof Error ? err.message : String(err) });
        }
      }, 5000);
      anchorTimer.unref();
      closers.push(() => clearInterval(anchorTimer));
    }

    const missing = missingHandlers(handlers);
    logger.info('core ready', { mode, demo: demoNode, missing: missing.length, recovery });

    let closed: Promise<void> | null = null;
    return {
      handlers,
      dispatch,
      events,
      logger,
      db,
      missing,
      demo,
      recovery,
      journal,
      services: { engine, sale, operators, shifts, worker, print, devices, node, spontaneous },
      info,
      refreshStatus: safeRefresh,
      close() {
        closed ??= closeAll();
        return closed;
      },
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** No nodeForPsp endpoint to ask (never called: the sale offers no spontaneous payments then). */
const noSpontaneousNode: SpontaneousNode = {
  chiediCatalogoServizi: () => Promise.reject(new Error('no nodeForPsp endpoint for spontaneous payments')),
  demandPaymentNotice: () => Promise.reject(new Error('no nodeForPsp endpoint for spontaneous payments')),
};

/** The configuration with every device switched off (headless commands that never print or charge). */
function withoutDevices(config: SportelloConfig): SportelloConfig {
  const d = config.devices;
  return {
    ...config,
    devices: {
      ...d,
      printer: { ...d.printer, enabled: false },
      terminal: { ...d.terminal, enabled: false },
      drawer: { ...d.drawer, enabled: false },
      scanners: [],
      camera: { ...d.camera, enabled: false },
    },
  };
}
