// The node side of the composition root: the configured nodeForPsp endpoint, or — with node.url null —
// the embedded simulator in-process on 127.0.0.1 with a real SOAP client pointed at it over loopback.
// Every answer/transport failure the engine sees is observed, so the status bar knows online/offline
// between the sync worker's probes. With upstream.kind = "mil" (issue #14) the engine talks to MIL through
// the MIL client (src/main/core/mil), which satisfies the same port; with upstream.mil.url null that is the
// embedded MIL simulator (src/main/mil-sim), itself in front of the node (the embedded node simulator when
// node.url is null).
import type { NodeCheck } from '../../common/ipc/devices';
import type { SportelloConfig } from '../core/config/schema';
import type { Logger } from '../core/log/logger';
import { createNodeClientFromConfig } from '../core/node/from-config';
import type { NodeClient } from '../core/node/types';
import { asTransportFailure, type PaymentNode } from '../core/payments/node-port';
import { createMilClientFromConfig } from '../core/mil/from-config';
import type { MilClient } from '../core/mil/types';
import { startMilSimulator, type MilSimulator } from '../mil-sim/simulator';
import { DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../node-sim/simulator';

export type NodeObservation = { online: boolean; checkedAt: number; error: string | null };

export type NodeRuntime = {
  /** The upstream client: nodeForPsp SOAP, or MIL (then also `mil`). */
  readonly client: PaymentNode & { close(): Promise<void> };
  readonly upstream: 'node' | 'mil';
  readonly mil: MilClient | null;
  readonly milSimulator: MilSimulator | null;
  /** The client as the engine uses it, with every call observed. */
  readonly observed: PaymentNode;
  readonly simulator: NodeSimulator | null;
  /** 'embedded simulator' or the configured URL's origin (never credentials). */
  readonly endpoint: string;
  last(): NodeObservation | null;
  onObservation(cb: (o: NodeObservation) => void): () => void;
  /** Wraps another call to the same node so its answers and failures feed the status too (issue #13: catalogue, demand). */
  watch<A, R>(fn: (a: A) => Promise<R>): (a: A) => Promise<R>;
  /** node/check: a real verifyPaymentNotice of the test notice; any SOAP answer means reachable. */
  check(): Promise<NodeCheck>;
  close(): Promise<void>;
};

export async function startNodeRuntime(opts: { config: SportelloConfig; logger: Logger; now: () => number }): Promise<NodeRuntime> {
  const { config, logger, now } = opts;
  const upstream = config.upstream.kind;
  const embeddedMil = upstream === 'mil' && config.upstream.mil.url === null;
  // The node simulator runs when the terminal (kind node) or the embedded MIL simulator calls an unset node.url.
  const needNodeSim = config.node.url === null && (upstream === 'node' || embeddedMil);
  const simulator = needNodeSim ? await startNodeSimulator({ port: 0, host: '127.0.0.1', seed: 'default', logger: logger.child('node-sim') }) : null;
  let milSimulator: MilSimulator | null = null;
  let client: PaymentNode & { close(): Promise<void> };
  let mil: MilClient | null = null;
  try {
    if (upstream === 'mil') {
      if (embeddedMil) {
        const nodeUrl = config.node.url ?? (simulator as NodeSimulator).soapUrl;
        milSimulator = await startMilSimulator({ port: 0, host: '127.0.0.1', nodeUrl, logger: logger.child('mil-sim') });
      }
      mil = createMilClientFromConfig(config, { ...(milSimulator ? { embedded: { url: milSimulator.url, authUrl: milSimulator.authUrl } } : {}), logger: logger.child('mil'), now });
      client = mil;
    } else {
      const soap: NodeClient = createNodeClientFromConfig(config, { ...(simulator ? { embeddedUrl: simulator.soapUrl } : {}), logger: logger.child('node') });
      client = soap;
    }
  } catch (err) {
    await milSimulator?.close();
    await simulator?.close();
    throw err;
  }
  const endpoint =
    upstream === 'mil'
      ? milSimulator
        ? 'embedded MIL simulator'
        : `MIL ${new URL(config.upstream.mil.url as string).origin}`
      : simulator
        ? 'embedded simulator'
        : new URL(config.node.url as string).origin;
  let last: NodeObservation | null = null;
  const listeners = new Set<(o: NodeObservation) => void>();
  const observe = (online: boolean, error: string | null) => {
    const changed = last === null || last.online !== online;
    last = { online, checkedAt: now(), error };
    if (changed) for (const l of [...listeners]) l(last);
  };
  const watch =
    <A, R>(fn: (a: A) => Promise<R>) =>
    async (a: A): Promise<R> => {
      try {
        const r = await fn(a);
        observe(true, null);
        return r;
      } catch (err) {
        const f = asTransportFailure(err);
        if (f) observe(false, f.kind);
        throw err;
      }
    };
  const observed: PaymentNode = {
    ...(client.outcomeScope ? { outcomeScope: client.outcomeScope } : {}),
    verifyPaymentNotice: watch((r) => client.verifyPaymentNotice(r)),
    activatePaymentNotice: watch((r) => client.activatePaymentNotice(r)),
    sendPaymentOutcome: watch((r) => client.sendPaymentOutcome(r)),
  };
  const testNotice = config.app.nodeCheckNotice ?? { fiscalCode: DEMO_NOTICES.plain.fiscalCode, noticeNumber: DEMO_NOTICES.plain.noticeNumber };

  return {
    client,
    upstream,
    mil,
    milSimulator,
    observed,
    simulator,
    endpoint,
    last: () => last,
    watch,
    onObservation(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    async check() {
      const started = now();
      const checkedAt = () => new Date(now()).toISOString();
      try {
        const r = await observed.verifyPaymentNotice(testNotice);
        const outcome = r.outcome === 'OK' ? 'OK' : r.fault.faultCode;
        const latencyMs = Math.max(0, now() - started);
        return { online: true, endpoint, latencyMs, checkedAt: checkedAt(), error: null, outcome, upstream, ...(mil ? { mil: await milDetails(mil) } : {}) };
      } catch (err) {
        const f = asTransportFailure(err);
        if (!f) throw err;
        return { online: false, endpoint, latencyMs: null, checkedAt: checkedAt(), error: f.kind, outcome: null, upstream, ...(mil ? { mil: await milDetails(mil) } : {}) };
      }
    },
    async close() {
      await client.close();
      await milSimulator?.close();
      await simulator?.close();
    },
  };
}

/** The technician's view of the MIL link: token expiry, last token error, the terminal's last transactions (GET /payments). */
async function milDetails(mil: MilClient): Promise<NonNullable<NodeCheck['mil']>> {
  const token = mil.tokenState();
  let transactions: NonNullable<NodeCheck['mil']>['transactions'] = [];
  try {
    transactions = (await mil.listTransactions()).slice(0, 10).map((t) => ({
      transactionId: t.transactionId,
      status: t.status,
      totalAmountCents: t.totalAmount,
      feeCents: t.fee ?? null,
      insertedAt: t.insertTimestamp,
      notices: t.notices.length,
    }));
  } catch (err) {
    // The list is informative only: a failure leaves it empty (the token state says why, if it is the token).
    if (!asTransportFailure(err)) throw err;
  }
  return { tokenExpiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(), tokenError: token.lastError, transactions };
}
