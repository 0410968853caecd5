// The slice of NodeClient (src/main/core/node) the engine uses. A port, so state-machine unit tests can
// run against an in-memory fake and integration tests against the real simulator over loopback.
import { NodeCallError } from '../node/errors';
import type { ActivateOk, KO, NodeClient, NodeFault as ClientFault } from '../node/types';

export type PaymentNode = Pick<NodeClient, 'verifyPaymentNotice' | 'activatePaymentNotice' | 'sendPaymentOutcome'> & {
  /**
   * 'transaction': the upstream closes the notices collected together in ONE transaction (MIL: one
   * preClose + close for 1..5 tokens), so each notice's outcome OK names every token of its collection and
   * the upstream makes the repeated calls one transaction. Absent (nodeForPsp): one outcome per token,
   * because the Nodo refuses a multi-token sendPaymentOutcomeV2 for tokens activated at a PSP (README "Carts").
   */
  readonly outcomeScope?: 'token' | 'transaction';
};
export type NodeFault = ClientFault;
export type NodeKo = KO;
export type ActivateOkResult = ActivateOk;

/** Transport failure as thrown by the node client (NodeCallError). */
export type TransportFailure = { readonly kind: string; readonly maybeProcessed: boolean; readonly message: string };

/** Also accepts a NodeCallError from another bundle copy (name + kind), e.g. the crash-harness child. */
export function asTransportFailure(err: unknown): TransportFailure | null {
  if (err instanceof NodeCallError) return err;
  if (!(err instanceof Error)) return null;
  const e = err as Error & { kind?: unknown; maybeProcessed?: unknown };
  if (e.name !== 'NodeCallError' || typeof e.kind !== 'string') return null;
  return { kind: e.kind, maybeProcessed: e.maybeProcessed === true, message: e.message };
}

/** A transport failure that means "the node is unreachable right now" (offline acceptance allowed). */
export function isUnreachable(f: TransportFailure): boolean {
  return ['timeout', 'connection-refused', 'connection-reset', 'dns', 'http', 'malformed-response'].includes(f.kind);
}
