// Shared by the pay / sync / queue / exceptions commands: opens the database and builds the payment
// engine and sync worker from the configuration and the node flags. With no node URL (config or
// --node-url), the embedded simulator is started in-process with the default seed — it forgets its
// state when the command exits, so multi-run scenarios (pay offline, then sync) need a standalone
// simulator (`sportello node-sim`) passed with --node-url.
import { loadConfig, databasePathFor } from '../../core/config/load';
import type { SportelloConfig } from '../../core/config/schema';
import { createLogger, stderrSink } from '../../core/log/logger';
import { createNodeClientFromConfig, nodeSettingsFromFlags, type NodeFlags } from '../../core/node/from-config';
import { PaymentEngine } from '../../core/payments/engine';
import { PaymentError } from '../../core/payments/errors';
import type { Payment } from '../../core/payments/types';
import { SyncWorker } from '../../core/payments/sync-worker';
import { openDatabase, type Db } from '../../core/store/database';
import { startNodeSimulator } from '../../node-sim/simulator';
import { CliError, type CliIo } from '../command';

export type PaymentRuntime = {
  readonly config: SportelloConfig;
  readonly db: Db;
  readonly dbPath: string;
  readonly engine: PaymentEngine;
  readonly worker: SyncWorker;
  readonly embeddedNode: boolean;
  close(): Promise<void>;
};

export type RuntimeFlags = NodeFlags & { config?: string | boolean; db?: string | boolean };

export async function openPaymentRuntime(flags: RuntimeFlags, io: CliIo, opts: { needsNode?: boolean } = {}): Promise<PaymentRuntime> {
  const base = loadConfig(typeof flags.config === 'string' ? flags.config : undefined);
  const node = nodeSettingsFromFlags(base, flags);
  const config: SportelloConfig = { ...base, node };
  const logger = createLogger('cli', { sinks: io.env.SPORTELLO_DEBUG ? [stderrSink] : [], level: 'debug' });
  const dbPath = databasePathFor(config, typeof flags.db === 'string' ? flags.db : undefined);
  const closers: (() => Promise<void> | void)[] = [];
  let embedded = false;
  let embeddedUrl: string | undefined;
  if (opts.needsNode !== false && !node.url) {
    const sim = await startNodeSimulator({ port: 0 });
    closers.push(() => sim.close());
    embeddedUrl = sim.soapUrl;
    embedded = true;
  }
  const client = createNodeClientFromConfig(config, { ...(embeddedUrl ? { embeddedUrl } : { embeddedUrl: 'http://127.0.0.1:9/unused' }), logger });
  closers.push(() => client.close());
  const db = openDatabase(dbPath);
  closers.push(() => {
    db.close();
  });
  const engine = new PaymentEngine({ db, node: client, config, logger });
  const worker = new SyncWorker({ engine, logger });
  return {
    config,
    db,
    dbPath,
    engine,
    worker,
    embeddedNode: embedded,
    async close() {
      await worker.stop();
      for (const c of closers.reverse()) await c();
    },
  };
}

/** Maps engine errors to the CLI's exit codes: 3 = the database cannot record (as StoreError), 1 = refused. */
export function cliErrorFor(err: unknown): unknown {
  if (err instanceof PaymentError) return new CliError(err.message, err.kind === 'store' ? 3 : err.kind === 'invalid-input' ? 2 : 1);
  return err;
}

/** The compact JSON view of a payment for CLI output. */
export function paymentJson(p: Payment): Record<string, unknown> {
  return {
    id: p.id,
    state: p.state,
    mode: p.mode,
    noticeNumber: p.noticeNumber,
    fiscalCode: p.fiscalCode,
    companyName: p.companyName,
    description: p.description,
    amountCents: p.amountCents,
    feeCents: p.feeCents,
    totalCents: p.collectedCents ?? (p.amountCents ?? 0) + p.feeCents,
    method: p.method,
    paymentToken: p.paymentToken,
    creditorReferenceId: p.creditorReferenceId,
    operatorId: p.operatorId,
    terminalId: p.terminalId,
    createdAt: new Date(p.createdAt).toISOString(),
    collectedAt: p.collectedAt === null ? null : new Date(p.collectedAt).toISOString(),
    outcome: p.outcome,
    outcomeAttempts: p.outcomeAttempts,
    outcomeNextAt: p.outcomeNextAt === null ? null : new Date(p.outcomeNextAt).toISOString(),
    lastError: p.lastError,
    ...(p.exceptionKind ? { exception: { kind: p.exceptionKind, detail: p.exceptionDetail, at: p.exceptionAt === null ? null : new Date(p.exceptionAt).toISOString() } } : {}),
    ...(p.resolution ? { resolution: p.resolution } : {}),
  };
}
