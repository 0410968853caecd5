// Shared by the pay / sync / queue / exceptions commands. A command that writes builds the terminal from
// THE composition root (createApp, headless): the same store with its writer lock, recovery, engine,
// sale rules and devices as the counter, so no CLI path goes around a rule (issue #9 §1). Commands that
// only look (queue, exceptions list) open the database read-only and work while the terminal runs.
// With no node URL (config or --node-url) the embedded simulator runs in-process with the default seed —
// it forgets its state when the command exits, so multi-run scenarios (pay offline, then sync) need a
// standalone simulator (`sportello node-sim`) passed with --node-url.
import path from 'node:path';
import { createApp, type App } from '../../app/create-app';
import { loadConfig, databasePathFor } from '../../core/config/load';
import type { SportelloConfig } from '../../core/config/schema';
import { createLogger, stderrSink } from '../../core/log/logger';
import { createNodeClientFromConfig, nodeSettingsFromFlags, type NodeFlags } from '../../core/node/from-config';
import { upstreamSettingsFromFlags, type MilFlags } from '../../core/mil/from-config';
import { PaymentEngine } from '../../core/payments/engine';
import { PaymentError } from '../../core/payments/errors';
import type { Payment } from '../../core/payments/types';
import { SaleError, type ReceiptOutcome } from '../../core/sale/sale-service';
import { openDatabase } from '../../core/store/database';
import { milSecrets, nodeSecrets } from '../args';
import { CliError, printJson, type CliIo } from '../command';

export type RuntimeFlags = NodeFlags &
  MilFlags & { 'mil-client-secret-file'?: string | boolean } & { config?: string | boolean; db?: string | boolean; 'password-file'?: string | boolean; 'subscription-key-file'?: string | boolean };

/** A read-only view of the payments (no lock, no node calls): queue and exception listings. */
export type PaymentReadView = {
  readonly config: SportelloConfig;
  readonly dbPath: string;
  readonly engine: PaymentEngine;
  close(): Promise<void>;
};

/** A headless terminal built by the composition root, for commands that record something. */
export type PaymentRuntime = {
  readonly config: SportelloConfig;
  readonly dbPath: string;
  readonly app: App;
  readonly embeddedNode: boolean;
  close(): Promise<void>;
};

function configFrom(flags: RuntimeFlags): { config: SportelloConfig; dbPath: string } {
  const base = loadConfig(typeof flags.config === 'string' ? flags.config : undefined);
  const config: SportelloConfig = {
    ...base,
    node: nodeSettingsFromFlags(base, { ...flags, ...nodeSecrets(flags, process.env) }),
    upstream: upstreamSettingsFromFlags(base, { ...flags, ...milSecrets(flags, process.env) }),
  };
  return { config, dbPath: path.resolve(databasePathFor(config, typeof flags.db === 'string' ? flags.db : undefined)) };
}

/** Builds the headless terminal; `devices: 'configured'` when the command prints or charges (pay). */
export async function openPaymentRuntime(flags: RuntimeFlags, io: CliIo, opts: { devices?: 'configured' | 'none'; command: string }): Promise<PaymentRuntime> {
  const { config, dbPath } = configFrom(flags);
  const app = await createApp({
    config,
    dataDir: path.dirname(dbPath),
    dbFile: dbPath,
    headless: true,
    devices: opts.devices ?? 'none',
    writerLabel: `sportello ${opts.command}`,
    logSinks: io.env.SPORTELLO_DEBUG ? [stderrSink] : [],
  });
  return { config, dbPath, app, embeddedNode: config.upstream.kind === 'mil' ? config.upstream.mil.url === null : config.node.url === null, close: () => app.close() };
}

/** Opens the database read-only: works while the terminal (the one writer) runs. */
export async function openPaymentReadView(flags: RuntimeFlags): Promise<PaymentReadView> {
  const { config, dbPath } = configFrom(flags);
  const db = openDatabase(dbPath, { readonly: true });
  // The engine only reads here; its node is never called (nothing can be written on a read-only handle).
  const client = createNodeClientFromConfig(config, { embeddedUrl: 'http://127.0.0.1:9/unused', logger: createLogger('cli', { sinks: [] }) });
  const engine = new PaymentEngine({ db, node: client, config });
  return {
    config,
    dbPath,
    engine,
    async close() {
      await client.close();
      db.close();
    },
  };
}

/** The same refusal, with what to type at this terminal instead of the counter's keys. */
const CLI_HINTS: Record<string, string> = {
  'no-open-shift': 'no shift is open on this terminal: open a shift first (sportello shift open --operator ID --float EUR); money taken outside a shift would be in no Z report',
};

/** Exit codes: 3 = the database cannot record (as StoreError), 2 = bad input, 1 = refused by a rule. */
export function cliErrorFor(err: unknown): unknown {
  if (err instanceof PaymentError) return new CliError(err.message, err.kind === 'store' ? 3 : err.kind === 'invalid-input' ? 2 : 1);
  if (err instanceof SaleError) return new CliError(`${CLI_HINTS[err.code] ?? err.message} (${err.code})`, err.kind === 'invalid-argument' ? 2 : 1);
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
    ...(p.card ? { card: p.card } : {}),
    ...(p.exceptionKind ? { exception: { kind: p.exceptionKind, detail: p.exceptionDetail, at: p.exceptionAt === null ? null : new Date(p.exceptionAt).toISOString() } } : {}),
    ...(p.resolution ? { resolution: p.resolution } : {}),
  };
}

/** A refusal as the CLI reports it: JSON on stdout, one line on stderr, exit 1. */
export function refuse(io: CliIo, category: string, message: string, extra: Record<string, unknown> = {}): number {
  printJson(io, { status: 'refused', category, message, ...extra });
  io.stderr(`payment refused: ${message}\n`);
  return 1;
}

export function receiptJson(r: ReceiptOutcome | null): Record<string, unknown> | null {
  return r ? { jobId: r.job.id, kind: r.job.kind, printed: r.result.outcome === 'printed', outcome: r.result.outcome, ...('detail' in r.result ? { detail: r.result.detail } : {}) } : null;
}
