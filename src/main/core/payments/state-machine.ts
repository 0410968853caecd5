// The payment state machine: the ONE place that says which state may follow which (issue #9 §2).
// Every write of a payment's state goes through PaymentStateMachine.apply()/create(), which checks the
// edge against this table inside the write transaction, commits the row with its journal entry and then
// emits the change. Every list of states used elsewhere (queue, reports, orphan search, offline exposure,
// UI guards) is one of the named predicates below. The diagram in ./README.md is generated from this table
// (renderMermaid, checked by test/node/payments-state-machine.test.ts).
import { writeTransaction } from '../store/database';
import { PaymentError } from './errors';
import type { Journal, PaymentPatch, PaymentRepository } from './repository';
import type { Payment, PaymentState } from './types';

export const PAYMENT_STATES = [
  'verified',
  'captured',
  'activating',
  'activated',
  'collecting',
  'collected',
  'confirmed',
  'printed',
  'offline-queued',
  'cancelling',
  'voided',
  'exception',
  'resolved',
] as const satisfies readonly PaymentState[];

type Edge = readonly [from: PaymentState | null, to: PaymentState];

/** An event: the edges it may take (from null = the payment is created) and its journal entry type. */
export type EventRule = { readonly edges: readonly Edge[]; readonly journal: string; readonly note: string };

const self = (...states: PaymentState[]): Edge[] => states.map((s) => [s, s] as const);

/**
 * event → allowed (from → to) edges. Self-edges record facts that do not move the payment (a retry was
 * scheduled, a key was committed). Journal types are the audit trail's vocabulary (stable: exports and
 * tests read them).
 */
export const TRANSITIONS = {
  // Quote
  'quote-online': { edges: [[null, 'verified']], journal: 'payment.verified', note: 'verify answered OK' },
  'quote-offline': { edges: [[null, 'captured']], journal: 'payment.captured-offline', note: 'node unreachable, offline policy allows' },
  'quote-dropped': {
    edges: [
      ['verified', 'voided'],
      ['captured', 'voided'],
    ],
    journal: 'payment.voided',
    note: 'cancelled before any activation',
  },
  // Online activation (pagopa-psp.md §3.11: the key is committed before the call)
  'activate-requested': { edges: [['verified', 'activating']], journal: 'payment.activating', note: 'idempotency key committed' },
  activated: { edges: [['activating', 'activated']], journal: 'payment.activated', note: 'payment token held' },
  'activate-refused': { edges: [['activating', 'voided']], journal: 'payment.voided', note: 'activate KO' },
  'activate-fell-offline': { edges: [['activating', 'captured']], journal: 'payment.captured-offline', note: 'activate timed out; key kept for sync' },
  'activate-unanswered': { edges: self('activating'), journal: 'payment.activate-failed', note: 'handed to the sync worker (same key, then KO)' },
  'release-requested': { edges: self('captured'), journal: 'payment.cancel-requested', note: 'cancel of an offline quote holding a key' },
  // Offline
  'offline-method-chosen': { edges: self('captured'), journal: 'payment.offline-method', note: 'amount and method recorded' },
  // Payer data (issue #12 §6): only before any money is taken; sent in the outcome's details.payer
  'payer-recorded': { edges: self('verified', 'captured', 'activated'), journal: 'payment.payer-recorded', note: 'optional payer data set or cleared' },
  'cart-joined': { edges: self('verified', 'captured'), journal: 'payment.cart-joined', note: 'a quote on screen joins a cart (issue #12)' },
  // Money (the commit lands BEFORE the drawer opens / after the terminal approved)
  'cash-collected': {
    edges: [
      ['activated', 'collected'],
      ['captured', 'offline-queued'],
    ],
    journal: 'payment.collected',
    note: 'cash committed',
  },
  'card-requested': {
    edges: [
      ['activated', 'collecting'],
      ['captured', 'collecting'],
    ],
    journal: 'payment.card-requested',
    note: 'attempt committed before charging',
  },
  'card-approved': {
    edges: [
      ['collecting', 'collected'],
      ['collecting', 'offline-queued'],
    ],
    journal: 'payment.collected',
    note: 'terminal approved',
  },
  'card-declined': {
    edges: [
      ['collecting', 'activated'],
      ['collecting', 'captured'],
    ],
    journal: 'payment.card-declined',
    note: 'back to pending',
  },
  'card-aborted': {
    edges: [
      ['collecting', 'activated'],
      ['collecting', 'captured'],
    ],
    journal: 'payment.card-aborted',
    note: 'back to pending',
  },
  'card-unknown': { edges: [['collecting', 'exception']], journal: 'payment.exception', note: 'terminal result unknown' },
  'receipt-printed': { edges: [['confirmed', 'printed'], ...self('offline-queued', 'collected')], journal: 'payment.receipt-printed', note: 'printer confirmed the job' },
  // Cancel and void
  cancelling: { edges: [['activated', 'cancelling']], journal: 'payment.cancelling', note: 'outcome KO to deliver' },
  'offline-voided': { edges: [['offline-queued', 'resolved']], journal: 'payment.voided-offline', note: 'never sent to pagoPA; cash refunded' },
  // Outcome delivery (exactly one outcome per token)
  'outcome-confirmed': { edges: [['collected', 'confirmed']], journal: 'payment.outcome-confirmed', note: 'node acknowledged OK' },
  'outcome-ko-acknowledged': { edges: [['cancelling', 'voided']], journal: 'payment.voided', note: 'node acknowledged KO' },
  'outcome-ko-exception': { edges: [['cancelling', 'exception']], journal: 'payment.exception', note: 'KO acknowledged for money already taken' },
  'outcome-refused': { edges: [['collected', 'exception']], journal: 'payment.exception', note: 'OK refused after collection' },
  'outcome-retry-scheduled': { edges: self('collected', 'cancelling'), journal: 'payment.outcome-retry-scheduled', note: 'SANP retry schedule' },
  'outcome-undelivered': {
    edges: [
      ['collected', 'exception'],
      ['cancelling', 'exception'],
    ],
    journal: 'payment.exception',
    note: '5 attempts failed',
  },
  // Sync of offline payments
  'sync-activating': { edges: self('offline-queued'), journal: 'payment.sync-activating', note: 'activate key committed' },
  'sync-activated': { edges: [['offline-queued', 'collected']], journal: 'payment.activated', note: 'token held; outcome OK to deliver' },
  'sync-amount-mismatch': { edges: [['offline-queued', 'cancelling']], journal: 'payment.cancelling', note: 'token held for another amount: KO, then exception' },
  'sync-rejected': { edges: [['offline-queued', 'exception']], journal: 'payment.exception', note: 'verify/activate KO' },
  // Orphans of a dead writer (recovery)
  'orphan-released': {
    edges: [
      ['verified', 'voided'],
      ['captured', 'voided'],
      ['activating', 'voided'],
    ],
    journal: 'payment.voided',
    note: 'abandoned quote',
  },
  'orphan-reactivated': {
    edges: [
      ['verified', 'cancelling'],
      ['captured', 'cancelling'],
      ['activating', 'cancelling'],
    ],
    journal: 'payment.cancelling',
    note: 'same key replayed, then KO',
  },
  'orphan-cancelling': { edges: [['activated', 'cancelling']], journal: 'payment.cancelling', note: 'abandoned token: KO' },
  'orphan-card-interrupted': { edges: [['collecting', 'exception']], journal: 'payment.exception', note: 'no approval recorded: a person checks the terminal' },
  'orphan-card-approved': {
    edges: [
      ['collecting', 'collected'],
      ['collecting', 'offline-queued'],
    ],
    journal: 'payment.collected',
    note: 'approval recorded before the crash',
  },
  // A person resolves an exception
  'exception-refunded': { edges: [['exception', 'resolved']], journal: 'payment.resolved', note: 'citizen refunded' },
  'difference-accepted': { edges: [['exception', 'offline-queued']], journal: 'payment.difference-accepted', note: 'back to the queue for the current amount' },
  'marked-collected': {
    edges: [
      ['exception', 'collected'],
      ['exception', 'offline-queued'],
    ],
    journal: 'payment.collected',
    note: 'a person saw the approval',
  },
  'marked-not-collected': {
    edges: [
      ['exception', 'voided'],
      ['exception', 'cancelling'],
    ],
    journal: 'payment.voided',
    note: 'a person saw no charge',
  },
  'outcome-attempts-reset': {
    edges: [['exception', 'collected'], ['exception', 'cancelling'], ...self('collected', 'cancelling')],
    journal: 'payment.outcome-attempts-reset',
    note: 'technician resets the counter',
  },
} as const satisfies Record<string, EventRule>;

export type PaymentEvent = keyof typeof TRANSITIONS;

/**
 * Annotations: they record a fact on the row (last error) in any state and can never change it. Kept
 * apart from TRANSITIONS so the table stays a true state machine.
 */
export const ANNOTATIONS = {
  'sync-deferred': { journal: 'payment.sync-deferred', note: 'transient node answer; retried later' },
  'sync-error': { journal: 'payment.sync-error', note: 'unexpected error in one sync step; the queue goes on' },
} as const;
export type PaymentAnnotation = keyof typeof ANNOTATIONS;

// ── Named predicates: every other list of states derives from these ────────────────────────────────

const setOf = (...s: PaymentState[]) => Object.freeze(s) as readonly PaymentState[];

/** A quote only: nothing activated, nothing taken. */
export const QUOTE = setOf('verified', 'captured');
/** pagoPA acknowledged the outcome OK: the receipt is the real one (attestazione di pagamento). */
export const NODE_CONFIRMED = setOf('confirmed', 'printed');
/** Money taken and committed, pagoPA's acknowledgement still to come: the receipt is provisional. */
export const AWAITING_CONFIRMATION = setOf('offline-queued', 'collected');
/** Money has been taken (or is committed as taken) and pagoPA has it or will get it: never "cancel". */
export const MONEY_TAKEN = setOf('collected', 'confirmed', 'printed', 'offline-queued');
/** A person must act (exceptions inbox). */
export const NEEDS_PERSON = setOf('exception');
/** Work the sync worker still owes pagoPA (queue view, "pending" counts). */
export const PENDING = setOf('offline-queued', 'collected', 'cancelling', 'activating', 'collecting');
/** A session that only a live writer may continue; after its writer died, recovery takes it over. */
export const LIVE_SESSION = setOf('verified', 'captured', 'activating', 'activated', 'collecting');
/** Holds the notice: no second payment of the same notice may start (unique index, migration 0011). */
export const HOLDS_NOTICE = setOf('activating', 'activated', 'collecting', 'collected', 'offline-queued', 'exception');
/** An outcome (OK or KO) is owed to the node under a committed key. */
export const OUTCOME_DUE = setOf('collected', 'cancelling');
/** The technician's outbox: an offline payment to register or an outcome to (re)send. */
export const AWAITING_NODE = setOf('offline-queued', ...OUTCOME_DUE);
/** A call to the node or the card terminal is under way for it. */
export const CALL_IN_FLIGHT = setOf('activating', 'collecting');
/** No money taken yet: a cancel (KO after activation) is all it takes. */
export const CANCELLABLE = setOf('verified', 'captured', 'activated');
/** Taken offline and not yet registered with pagoPA (a Z report warns about these). */
export const OFFLINE_UNREGISTERED = setOf('offline-queued', 'activating', 'activated');
/** Counted in the offline exposure when mode = offline (offline policy, pos-practice.md §7.1). */
export const OFFLINE_EXPOSED = setOf('offline-queued', 'collecting', 'activating', 'activated', 'collected', 'cancelling', 'exception');
/** Nothing more happens to it: derived from the table (no edge leaves these states). */
export const FINAL: readonly PaymentState[] = Object.freeze(PAYMENT_STATES.filter((s) => !Object.values(TRANSITIONS).some((r: EventRule) => r.edges.some(([f, t]) => f === s && t !== s))));

export const isIn = (set: readonly PaymentState[], s: PaymentState): boolean => set.includes(s);
/** SQL list literal of a predicate, for the repository's queries: ('a','b'). */
export const sqlList = (set: readonly PaymentState[]): string => `(${set.map((s) => `'${s}'`).join(',')})`;

/** An offline payment pagoPA has never been asked about (no activation key): it can still be voided. */
export function isOfflineVoidable(p: Payment): boolean {
  return p.state === 'offline-queued' && p.activateKey === null;
}

/** The states an event may start from. */
export function fromStates(event: PaymentEvent): PaymentState[] {
  const edges = TRANSITIONS[event].edges as readonly Edge[];
  return [...new Set(edges.map(([f]) => f).filter((f): f is PaymentState => f !== null))];
}

function allowed(event: PaymentEvent, from: PaymentState | null, to: PaymentState): boolean {
  return (TRANSITIONS[event].edges as readonly Edge[]).some(([f, t]) => f === from && t === to);
}

export type ApplyOptions = {
  /** Extra journal data. */
  readonly data?: Record<string, unknown>;
  /** Who acted (default: the payment's operator). */
  readonly operatorId?: string | null;
  /** The state the caller saw: the write is refused if the payment moved since (no lost update). */
  readonly expectState?: PaymentState;
  /** The version the caller saw (stricter than expectState). */
  readonly expectVersion?: number;
};

/**
 * The only writer of payments' state. apply() = edge check + row + journal entry in ONE IMMEDIATE
 * transaction, then the change event; an illegal edge throws PaymentError('invalid-state') and writes
 * nothing.
 */
export class PaymentStateMachine {
  private readonly listeners = new Set<(p: Payment) => void>();

  constructor(private readonly repo: PaymentRepository) {}

  onChange(cb: (p: Payment) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private emit(p: Payment): Payment {
    for (const l of this.listeners) l(p);
    return p;
  }

  create(event: PaymentEvent, fields: PaymentPatch & { state: PaymentState }, idFor: (seq: number) => string, data?: Record<string, unknown>): Payment {
    if (!allowed(event, null, fields.state)) throw new PaymentError('invalid-state', `${event} cannot create a payment in state ${fields.state}`);
    const journal: Journal = { type: TRANSITIONS[event].journal, data: { event, ...data } };
    return this.emit(this.repo.insert(fields, idFor, journal));
  }

  apply(event: PaymentEvent, id: string, patch: PaymentPatch, opts: ApplyOptions = {}): Payment {
    return this.emit(this.write(event, id, patch, opts));
  }

  /**
   * Several payments' transitions in ONE transaction (a cart's collection, issue #12 §2): every edge is
   * checked and every row and journal entry committed together, or none is; changes are emitted after.
   */
  applyAll(steps: readonly { readonly event: PaymentEvent; readonly id: string; readonly patch: PaymentPatch; readonly opts?: ApplyOptions }[], within?: () => void): Payment[] {
    const written = writeTransaction(this.repo.db, () => {
      const rows = steps.map((s) => this.write(s.event, s.id, s.patch, s.opts ?? {}));
      // What belongs to the same fact (the cart's tendered cash and change) commits with the rows.
      within?.();
      return rows;
    });
    this.repo.notifyCommit();
    return written.map((p) => this.emit(p));
  }

  private write(event: PaymentEvent, id: string, patch: PaymentPatch, opts: ApplyOptions): Payment {
    const journal: Journal = { type: TRANSITIONS[event].journal, data: { event, ...opts.data }, ...(opts.operatorId !== undefined ? { operatorId: opts.operatorId } : {}) };
    return this.repo.update(
      id,
      (cur) => {
        if (opts.expectState !== undefined && cur.state !== opts.expectState) throw new PaymentError('invalid-state', `payment ${id} is ${cur.state}, expected ${opts.expectState}`);
        if (opts.expectVersion !== undefined && cur.version !== opts.expectVersion) throw new PaymentError('invalid-state', `payment ${id} changed concurrently`);
        const to = patch.state ?? cur.state;
        if (!allowed(event, cur.state, to)) {
          const from = fromStates(event);
          throw new PaymentError(
            'invalid-state',
            from.includes(cur.state) ? `payment ${id}: ${event} cannot go from ${cur.state} to ${to}` : `payment ${id} is ${cur.state}, expected ${from.join('|')}`,
          );
        }
      },
      patch,
      journal,
    );
  }

  /** Records a fact (lastError) without moving the payment; still journaled and emitted. */
  annotate(annotation: PaymentAnnotation, id: string, patch: Pick<PaymentPatch, 'lastError'>, data?: Record<string, unknown>): Payment {
    const next = this.repo.update(id, () => undefined, patch, { type: ANNOTATIONS[annotation].journal, data: { annotation, ...data } });
    return this.emit(next);
  }
}

/** The machine as a Mermaid state diagram (./README.md embeds it; a test keeps it current). */
export function renderMermaid(): string {
  // Mermaid ids cannot hold '-': declare each state with its real name as the label.
  const id = (s: PaymentState) => s.replace(/-/g, '_');
  const lines = ['stateDiagram-v2', ...PAYMENT_STATES.filter((s) => s.includes('-')).map((s) => `  state "${s}" as ${id(s)}`)];
  for (const [event, rule] of Object.entries(TRANSITIONS) as [PaymentEvent, EventRule][]) {
    for (const [from, to] of rule.edges) lines.push(`  ${from === null ? '[*]' : id(from)} --> ${id(to)}: ${event}`);
  }
  for (const s of FINAL) lines.push(`  ${id(s)} --> [*]`);
  return lines.join('\n');
}
