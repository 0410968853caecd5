// The node side of the composition root: the configured nodeForPsp endpoint, or — with node.url null —
// the embedded simulator in-process on 127.0.0.1 with a real SOAP client pointed at it over loopback.
// Every answer/transport failure the engine sees is observed, so the status bar knows online/offline
// between the sync worker's probes.
import type { NodeCheck } from '../../common/ipc/devices';
import type { SportelloConfig } from '../core/config/schema';
import type { Logger } from '../core/log/logger';
import { createNodeClientFromConfig } from '../core/node/from-config';
import type { NodeClient } from '../core/node/types';
import { asTransportFailure, type PaymentNode } from '../core/payments/node-port';
import { DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../node-sim/simulator';

export type NodeObservation = { online: boolean; checkedAt: number; error: string | null };

export type NodeRuntime = {
  readonly client: NodeClient;
  /** The client as the engine uses it, with every call observed. */
  readonly observed: PaymentNode;
  readonly simulator: NodeSimulator | null;
  /** 'embedded simulator' or the configured URL's origin (never credentials). */
  readonly endpoint: string;
  last(): NodeObservation | null;
  onObservation(cb: (o: NodeObservation) => void): () => void;
  /** node/check: a real verifyPaymentNotice of the test notice; any SOAP answer means reachable. */
  check(): Promise<NodeCheck>;
  close(): Promise<void>;
};

export async function startNodeRuntime(opts: { config: SportelloConfig; logger: Logger; now: () => number }): Promise<NodeRuntime> {
  const { config, logger, now } = opts;
  const simulator = config.node.url === null ? await startNodeSimulator({ port: 0, host: '127.0.0.1', seed: 'default', logger: logger.child('node-sim') }) : null;
  let client: NodeClient;
  try {
    client = createNodeClientFromConfig(config, { ...(simulator ? { embeddedUrl: simulator.soapUrl } : {}), logger: logger.child('node') });
  } catch (err) {
    await simulator?.close();
    throw err;
  }
  const endpoint = simulator ? 'embedded simulator' : new URL(config.node.url as string).origin;
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
    verifyPaymentNotice: watch((r) => client.verifyPaymentNotice(r)),
    activatePaymentNotice: watch((r) => client.activatePaymentNotice(r)),
    sendPaymentOutcome: watch((r) => client.sendPaymentOutcome(r)),
  };
  const testNotice = config.app.nodeCheckNotice ?? { fiscalCode: DEMO_NOTICES.plain.fiscalCode, noticeNumber: DEMO_NOTICES.plain.noticeNumber };

  return {
    client,
    observed,
    simulator,
    endpoint,
    last: () => last,
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
        return { online: true, endpoint, latencyMs: Math.max(0, now() - started), checkedAt: checkedAt(), error: null, outcome };
      } catch (err) {
        const f = asTransportFailure(err);
        if (!f) throw err;
        return { online: false, endpoint, latencyMs: null, checkedAt: checkedAt(), error: f.kind, outcome: null };
      }
    },
    async close() {
      await client.close();
      await simulator?.close();
    },
  };
}
