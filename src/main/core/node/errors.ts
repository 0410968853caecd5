// Transport-level failures of a node call are THROWN as NodeCallError; node KO answers are returned.
// `maybeProcessed` is what the payment engine branches on (pagopa-psp.md §3.11: a call with no answer
// must be retried with the same idempotency key, since the node may have processed it).
export type NodeCallErrorKind = 'timeout' | 'connection-refused' | 'connection-reset' | 'dns' | 'unauthorized' | 'http' | 'malformed-response' | 'tls';

export class NodeCallError extends Error {
  override readonly name = 'NodeCallError';
  readonly kind: NodeCallErrorKind;
  readonly operation: string;
  readonly httpStatus?: number;
  /** false = the node definitely did not process the request (refused/DNS/401/TLS before send); true = it may have. */
  readonly maybeProcessed: boolean;
  /** Set when the answer was a SOAP 1.1 Fault envelope (faultcode/faultstring). */
  readonly soapFault?: { faultcode: string; faultstring: string };

  constructor(init: { kind: NodeCallErrorKind; operation: string; message: string; maybeProcessed: boolean; httpStatus?: number; soapFault?: { faultcode: string; faultstring: string } }) {
    super(init.message);
    this.kind = init.kind;
    this.operation = init.operation;
    this.maybeProcessed = init.maybeProcessed;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.soapFault) this.soapFault = init.soapFault;
  }
}

/**
 * A log line that says what failed on its own (issue #11 §8: the technician's log showed only "node call
 * failed"): the service, the operation, the host, the failure class and HTTP status, and the cause.
 */
export function callFailureLine(service: 'node' | 'mil', host: string, err: Pick<NodeCallError, 'kind' | 'operation' | 'message' | 'httpStatus'>): string {
  const cause = err.message.startsWith(`${err.operation}: `) ? err.message.slice(err.operation.length + 2) : err.message;
  return `${service} call ${err.operation} to ${host} failed: ${err.kind}${err.httpStatus === undefined ? '' : ` HTTP ${err.httpStatus}`} — ${cause}`;
}

/** The caller handed the client a value the XSD would reject; nothing was sent. */
export type NodeRequestErrorKind = 'invalid-field';
export class NodeRequestError extends Error {
  override readonly name = 'NodeRequestError';
  readonly kind: NodeRequestErrorKind = 'invalid-field';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** The node settings cannot produce a client (no endpoint, unreadable TLS file). Never carries secrets. */
export type NodeConfigErrorKind = 'no-endpoint' | 'tls-file' | 'invalid-setting';
export class NodeConfigError extends Error {
  override readonly name = 'NodeConfigError';
  constructor(
    readonly kind: NodeConfigErrorKind,
    message: string,
  ) {
    super(message);
  }
}
