// The simulated node's SANP semantics, independent of HTTP and XML (pagopa-psp.md §3.3–§3.11):
// positions, payment tokens with expirationTime, the idempotency cache, outcomes and the ledger.
// Time comes only from the injected clock, so tests drive token and key expiry.
import type { Clock } from '../../common/clock';
import type { NodeFault, NodeIdentity } from '../core/node/types';
import { iuvOf } from '../../common/notice/notice-number';
import { italianIban } from './codes';
import { NODE_ID, ecFault, nodeFault } from './fault-codes';
import type { Registry } from './registry';
import { autoCreatedPosition } from './seed';
import type { LedgerEntry, SimBundle, SimPaymentOption, SimPosition, SimTransfer } from './types';

export const MAX_TOKEN_MS = 1_800_000; // SANP Best practice: default and maximum token lifetime 30 min

export type ActivateIn = {
  version: 'v1' | 'v2';
  idempotencyKey?: string;
  fiscalCode: string;
  noticeNumber: string;
  expirationTime?: number;
  amountCents: number;
  dueDate?: string;
  paymentNote?: string;
  paymentMethod?: string;
  touchPoint?: string;
};
export type OutcomeIn = { version: 'v1' | 'v2'; idempotencyKey?: string; tokens: string[]; outcome: 'OK' | 'KO'; hasDetails: boolean; fingerprint: string };

export type TransferOut = {
  idTransfer: number;
  amountCents: number;
  fiscalCodePA: string;
  companyName?: string;
  iban: string;
  remittanceInformation: string;
  transferCategory?: string;
  richiestaMarcaDaBollo?: SimTransfer['richiestaMarcaDaBollo'];
};
export type PositionOut = {
  fiscalCode: string;
  noticeNumber: string;
  amountCents: number;
  companyName: string;
  officeName?: string;
  description: string;
  dueDate?: string;
  allCCP: boolean;
  /** Issue #12 §5: answered in Stand-In. */
  standin: boolean;
  /** Issue #12 §7: the verify's options (default: one EQ option of amountCents). */
  paymentOptions: SimPaymentOption[];
};
/** GEC's suggestion for one activation (pagopa-extra.md §c). */
export type FeesOut = { userFeeCents: number; paFeeCents?: number; idBundle: string; idCiBundle?: string };
export type SimResult =
  | { kind: 'ko'; fault: NodeFault }
  | { kind: 'verify'; pos: PositionOut }
  | { kind: 'activate'; pos: PositionOut; paymentToken: string; creditorReferenceId: string; transfers: TransferOut[]; fees?: FeesOut }
  | { kind: 'outcome' };

type PosState = { pos: SimPosition; lockedByToken?: string; paidByToken?: string };
type TokenState = { token: string; posKey: string; idPSP: string; amountCents: number; expiresAt: number; outcome?: 'OK' | 'KO'; activateCacheKey?: string };
type CacheEntry = { fingerprint: string; result: SimResult; validTo: number };

export type SimStateOptions = {
  clock: Clock;
  random: () => number;
  identity: NodeIdentity;
  /** EC fiscal codes whose unknown notices are created on the fly (open, amount derived from the digits). */
  autoCreate?: Iterable<string>;
  /** Node configuration default_token_duration_validity_millis (≤ 30 min). */
  maxTokenMs?: number;
  /** Node configuration default_idempotency_key_validity_minutes, in ms (default 30 min). */
  idempotencyKeyValidityMs?: number;
  /** PSPs, brokers, channels, creditors and stations the node knows (registry.ts). */
  registry: Registry;
  /** Period of the node's token-cancellation job (mod3Cancel) on the simulator clock; 0 = only when triggered. */
  cancelJobIntervalMs?: number;
  /** What the simulator keeps in memory (issue #16); defaults SIM_RETENTION_DEFAULTS. */
  retention?: Partial<SimRetention>;
};

/**
 * Memory bounds of the simulator (issue #16: a demo that runs for months). The node itself keeps its
 * data in a database; the simulator keeps a window of it:
 * - ledgerEntries: the newest outcomes ledger() returns (the crash harness and benches read it whole);
 * - tokens: at most this many payment tokens, and none longer than tokenRetentionMs after its expiry
 *   (SANP: a token lives ≤ 30 min; an outcome for a token dropped later is PPT_TOKEN_SCONOSCIUTO);
 * - autoPositions: positions created on the fly for the auto-create ECs (seeded ones are always kept);
 *   an auto-created position dropped is created open again if asked for later;
 * - cacheEntries: idempotency entries (each also dropped once its validity has passed, SANP VALID_TO).
 */
export type SimRetention = { ledgerEntries: number; tokens: number; tokenRetentionMs: number; autoPositions: number; cacheEntries: number };
export const SIM_RETENTION_DEFAULTS: SimRetention = { ledgerEntries: 10_000, tokens: 10_000, tokenRetentionMs: 60 * 60_000, autoPositions: 10_000, cacheEntries: 10_000 };
/** Every how many activate/outcome calls expired tokens and idempotency entries are swept. */
const SWEEP_EVERY = 64;

/** Default period of the simulated mod3Cancel job (the sources publish no production value; see README). */
export const DEFAULT_CANCEL_JOB_INTERVAL_MS = 60_000;

const key = (fc: string, nn: string) => `${fc}|${nn}`;

export class SimState {
  private readonly positionsByKey = new Map<string, PosState>();
  private readonly tokens = new Map<string, TokenState>();
  private readonly cache = new Map<string, CacheEntry>();
  private readonly ledgerEntries: LedgerEntry[] = [];
  private readonly autoCreate: Set<string>;
  /** Keys of auto-created positions, oldest first (bounded by retention.autoPositions). */
  private readonly autoCreated = new Set<string>();
  private readonly retention: SimRetention;
  private callsSinceSweep = 0;
  readonly maxTokenMs: number;
  private readonly keyValidityMs: number;
  /** Added to the injected clock by the admin API (POST /admin/clock). */
  offsetMs = 0;
  /** Issue #12 §5: every answer in Stand-In (POST /admin/standin), as when the EC's station is down. */
  standinAll = false;
  /** Issue #12 §4: the GEC bundles activatePaymentNoticeV2 suggests fees from (GET/POST /admin/gec). */
  bundles: SimBundle[];
  readonly cancelJobIntervalMs: number;
  /** When the cancellation job last ran on demand (POST /admin/jobs/mod3Cancel). */
  private lastJobRunAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly o: SimStateOptions) {
    this.autoCreate = new Set(o.autoCreate ?? []);
    this.maxTokenMs = Math.min(o.maxTokenMs ?? MAX_TOKEN_MS, MAX_TOKEN_MS);
    this.keyValidityMs = o.idempotencyKeyValidityMs ?? 30 * 60_000;
    this.cancelJobIntervalMs = o.cancelJobIntervalMs ?? DEFAULT_CANCEL_JOB_INTERVAL_MS;
    this.retention = { ...SIM_RETENTION_DEFAULTS, ...o.retention };
    this.bundles = defaultBundles(o.identity.idPSP);
  }

  /** How much the simulator holds now (tests check the bounds). */
  retained(): { positions: number; autoPositions: number; tokens: number; cacheEntries: number; ledgerEntries: number } {
    return { positions: this.positionsByKey.size, autoPositions: this.autoCreated.size, tokens: this.tokens.size, cacheEntries: this.cache.size, ledgerEntries: this.ledgerEntries.length };
  }

  /** An idempotency entry, the oldest dropped beyond retention.cacheEntries. */
  private remember(cacheKey: string, e: CacheEntry): void {
    this.cache.set(cacheKey, e);
    for (const old of this.cache.keys()) {
      if (this.cache.size <= this.retention.cacheEntries) break;
      this.cache.delete(old);
    }
  }

  /** Drops what is past its lifetime or beyond its bound (issue #16); runs every SWEEP_EVERY calls. */
  private housekeep(force = false): void {
    if (!force && ++this.callsSinceSweep < SWEEP_EVERY) return;
    this.callsSinceSweep = 0;
    const now = this.now();
    const r = this.retention;
    for (const [k, e] of this.cache) if (e.validTo <= now) this.cache.delete(k);
    for (const k of this.cache.keys()) {
      if (this.cache.size <= r.cacheEntries) break;
      this.cache.delete(k);
    }
    for (const [k, t] of this.tokens) {
      // Oldest first beyond the count bound; otherwise only tokens long past their expiry.
      if (this.tokens.size <= r.tokens && t.expiresAt + r.tokenRetentionMs > now) continue;
      this.tokens.delete(k);
      if (t.activateCacheKey) this.cache.delete(t.activateCacheKey);
    }
    for (const k of this.autoCreated) {
      if (this.autoCreated.size <= r.autoPositions) break;
      this.autoCreated.delete(k);
      this.positionsByKey.delete(k);
    }
  }

  now(): number {
    return this.o.clock.now() + this.offsetMs;
  }

  addPositions(list: SimPosition[]): void {
    for (const p of list) this.positionsByKey.set(key(p.fiscalCode, p.noticeNumber), { pos: structuredClone(p) });
  }

  clear(): void {
    this.positionsByKey.clear();
    this.tokens.clear();
    this.cache.clear();
    this.autoCreated.clear();
    this.ledgerEntries.length = 0;
    this.lastJobRunAt = Number.NEGATIVE_INFINITY;
    this.standinAll = false;
    this.bundles = defaultBundles(this.o.identity.idPSP);
  }

  ledger(): LedgerEntry[] {
    return this.ledgerEntries.map((e) => ({ ...e }));
  }

  positions(): (SimPosition & { lockedByToken?: string })[] {
    return [...this.positionsByKey.values()].map((s) => {
      this.expireLock(s);
      return { ...structuredClone(s.pos), ...(s.lockedByToken ? { lockedByToken: s.lockedByToken } : {}) };
    });
  }

  /** PSP → broker → channel → password → pairing, against the registry (registry.ts, pagopa-psp.md §3.10). */
  checkIdentity(id: NodeIdentity): NodeFault | undefined {
    return this.o.registry.checkIdentity(id);
  }

  /**
   * The node's cancellation job (mod3Cancel, pagopa-psp.md §6 [S10] "job mod3CancelV1/V2 triggered"): an
   * expired token keeps its position locked until the job has run after the expiry. Runs every
   * cancelJobIntervalMs of simulator time, and on demand.
   */
  runCancelJob(): number {
    this.lastJobRunAt = this.now();
    let released = 0;
    for (const s of this.positionsByKey.values()) {
      const had = s.lockedByToken;
      this.expireLock(s);
      if (had && !s.lockedByToken) released++;
    }
    return released;
  }

  private cancelledByJob(expiresAt: number): boolean {
    if (this.lastJobRunAt >= expiresAt) return true;
    const every = this.cancelJobIntervalMs;
    return every > 0 && this.now() >= Math.ceil(expiresAt / every) * every;
  }

  private lookup(fiscalCode: string, noticeNumber: string): PosState | undefined {
    const k = key(fiscalCode, noticeNumber);
    let s = this.positionsByKey.get(k);
    if (!s && this.autoCreate.has(fiscalCode)) {
      s = { pos: autoCreatedPosition(fiscalCode, noticeNumber) };
      this.positionsByKey.set(k, s);
      this.autoCreated.add(k);
      if (this.autoCreated.size > this.retention.autoPositions) this.housekeep(true);
    }
    return s;
  }

  /** A lock whose token has expired is released once the cancellation job has run after the expiry. */
  private expireLock(s: PosState): void {
    if (!s.lockedByToken) return;
    const t = this.tokens.get(s.lockedByToken);
    if (!t || (t.expiresAt <= this.now() && this.cancelledByJob(t.expiresAt))) delete s.lockedByToken;
  }

  /** Faults common to verify and activate: unknown, EC behaviour, paid, expired, revoked. */
  private positionFault(s: PosState | undefined, fiscalCode: string): NodeFault | undefined {
    if (!s) return ecFault(fiscalCode, 'PAA_PAGAMENTO_SCONOSCIUTO');
    if (s.pos.behaviour === 'ec-unreachable') return nodeFault('PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE');
    if (s.pos.behaviour === 'ec-timeout') return nodeFault('PPT_STAZIONE_INT_PA_TIMEOUT');
    // SANP: "se riscontra che la posizione è già stata chiusa risponde con un KO per PPT_PAGAMENTO_DUPLICATO"
    if (s.pos.status === 'paid') return nodeFault('PPT_PAGAMENTO_DUPLICATO');
    if (s.pos.status === 'expired') return ecFault(fiscalCode, 'PAA_PAGAMENTO_SCADUTO');
    if (s.pos.status === 'revoked') return ecFault(fiscalCode, 'PAA_PAGAMENTO_ANNULLATO');
    return undefined;
  }

  private view(p: SimPosition): PositionOut {
    const transfers = this.transfersOf(p);
    return {
      standin: this.standinAll || p.standin === true,
      paymentOptions: p.paymentOptions ? structuredClone(p.paymentOptions) : [{ amountCents: p.amountCents, options: 'EQ', ...(p.dueDate ? { dueDate: p.dueDate } : {}) }],
      fiscalCode: p.fiscalCode,
      noticeNumber: p.noticeNumber,
      amountCents: p.amountCents,
      companyName: p.companyName,
      ...(p.officeName ? { officeName: p.officeName } : {}),
      description: p.description,
      ...(p.dueDate ? { dueDate: p.dueDate } : {}),
      // verificaBollettino allCCP: "TRUE indica che tutti i bonifici sono associabili a IBAN postali" (ABI 07601)
      allCCP: transfers.every((t) => t.iban.slice(5, 10) === '07601'),
    };
  }

  private transfersOf(p: SimPosition): TransferOut[] {
    // SANP Stand-In (pagopa-extra.md §d): "un unico riversamento all'EC primario con l'importo totale".
    if (this.standinAll || p.standin === true) {
      const primary = p.transfers?.find((t) => t.fiscalCode === p.fiscalCode && !t.richiestaMarcaDaBollo);
      return [
        {
          idTransfer: 1,
          amountCents: p.amountCents,
          fiscalCodePA: p.fiscalCode,
          companyName: p.companyName,
          iban: primary?.iban ?? defaultIban(p.fiscalCode),
          remittanceInformation: p.description.slice(0, 140),
        },
      ];
    }
    const list = p.transfers ?? [
      { fiscalCode: p.fiscalCode, companyName: p.companyName, amountCents: p.amountCents, iban: defaultIban(p.fiscalCode), remittanceInformation: p.description.slice(0, 140) },
    ];
    return list.map((t, i) => ({
      idTransfer: i + 1,
      amountCents: t.amountCents,
      fiscalCodePA: t.fiscalCode,
      ...(t.companyName ? { companyName: t.companyName } : {}),
      iban: t.iban,
      remittanceInformation: t.remittanceInformation,
      ...(t.transferCategory ? { transferCategory: t.transferCategory } : {}),
      ...(t.richiestaMarcaDaBollo ? { richiestaMarcaDaBollo: t.richiestaMarcaDaBollo } : {}),
    }));
  }

  /**
   * GEC (pagopa-extra.md §c, node test GEC_commissioni_evolute): activateV2 fills suggested* from the first
   * bundle of the same PSP whose touchpoint and method match (absent → ANY/PSP); none → no suggestion.
   */
  private feesFor(idPSP: string, a: ActivateIn, fiscalCode: string): FeesOut | undefined {
    if (a.version !== 'v2') return undefined;
    const any = (v: string | undefined, want: string | undefined) => v === undefined || v === 'ANY' || want === undefined || v === want;
    const b = this.bundles.find((x) => x.idPSP === idPSP && any(x.touchPoint, a.touchPoint) && any(x.paymentMethod, a.paymentMethod));
    if (!b) return undefined;
    const ci = b.ciBundles?.find((c) => c.fiscalCode === fiscalCode);
    const pa = ci ? Math.min(ci.paFeeCents, b.feeCents) : undefined;
    return { userFeeCents: b.feeCents - (pa ?? 0), idBundle: b.idBundle, ...(ci ? { paFeeCents: pa, idCiBundle: ci.idCiBundle } : {}) };
  }

  verify(fiscalCode: string, noticeNumber: string): SimResult {
    // The node checks creditor and station in its registry before asking the EC (registry.ts).
    const rf = this.o.registry.checkNotice(fiscalCode, noticeNumber);
    if (rf) return { kind: 'ko', fault: rf };
    const s = this.lookup(fiscalCode, noticeNumber);
    const f = this.positionFault(s, fiscalCode);
    return f || !s ? { kind: 'ko', fault: f ?? ecFault(fiscalCode, 'PAA_PAGAMENTO_SCONOSCIUTO') } : { kind: 'verify', pos: this.view(s.pos) };
  }

  verificaBollettino(ccPost: string, noticeNumber: string): SimResult {
    const s = [...this.positionsByKey.values()].find((p) => p.pos.noticeNumber === noticeNumber && p.pos.ccPost === ccPost);
    if (!s) {
      const ec = [...this.positionsByKey.values()].find((p) => p.pos.ccPost === ccPost)?.pos.fiscalCode ?? NODE_ID;
      return { kind: 'ko', fault: ecFault(ec, 'PAA_PAGAMENTO_SCONOSCIUTO') };
    }
    const f = this.positionFault(s, s.pos.fiscalCode);
    return f ? { kind: 'ko', fault: f } : { kind: 'verify', pos: this.view(s.pos) };
  }

  /** Idempotency cache lookup (SANP Best practice table): hit+same → original answer, hit+different → KO. */
  private cached(cacheKey: string | undefined, fingerprint: string): SimResult | undefined {
    if (!cacheKey) return undefined;
    const e = this.cache.get(cacheKey);
    if (!e) return undefined;
    // "La chiave di idempotenza una volta scaduta diventa riutilizzabile."
    if (e.validTo <= this.now()) {
      this.cache.delete(cacheKey);
      return undefined;
    }
    return e.fingerprint === fingerprint ? e.result : { kind: 'ko', fault: nodeFault('PPT_ERRORE_IDEMPOTENZA') };
  }

  /**
   * The idempotency cache is consulted first and keeps every answer, refusals included (node test suite
   * IDMP_ACT_13/14: a KO is stored with its request hash), so a key first used with a wrong password and
   * then with the right one is "uso improprio" → PPT_ERRORE_IDEMPOTENZA (pagopa-psp.md §3.11 table).
   */
  activate(id: NodeIdentity, a: ActivateIn): SimResult {
    const idPSP = id.idPSP;
    const fingerprint = JSON.stringify([
      id,
      a.version,
      a.fiscalCode,
      a.noticeNumber,
      a.expirationTime ?? null,
      a.amountCents,
      a.dueDate ?? null,
      a.paymentNote ?? null,
      a.paymentMethod ?? null,
      a.touchPoint ?? null,
    ]);
    const cacheKey = a.idempotencyKey ? `${idPSP}|activate|${a.idempotencyKey}` : undefined;
    this.housekeep();
    const hit = this.cached(cacheKey, fingerprint);
    if (hit) return hit;
    const result = this.activateNew(id, a, fingerprint, cacheKey);
    if (cacheKey && result.kind === 'ko') this.remember(cacheKey, { fingerprint, result, validTo: this.now() + this.keyValidityMs });
    return result;
  }

  private activateNew(id: NodeIdentity, a: ActivateIn, fingerprint: string, cacheKey: string | undefined): SimResult {
    const idPSP = id.idPSP;
    const idFault = this.checkIdentity(id);
    if (idFault) return { kind: 'ko', fault: idFault };
    // SANP: expirationTime above the configured token validity → PPT_AUTORIZZAZIONE
    if (a.expirationTime !== undefined && a.expirationTime > this.maxTokenMs) return { kind: 'ko', fault: nodeFault('PPT_AUTORIZZAZIONE', `expirationTime above ${this.maxTokenMs} ms`) };
    if (a.expirationTime !== undefined && a.expirationTime <= 0) return { kind: 'ko', fault: nodeFault('PPT_SINTASSI_EXTRAXSD', 'expirationTime must be positive') };
    const rf = this.o.registry.checkNotice(a.fiscalCode, a.noticeNumber);
    if (rf) return { kind: 'ko', fault: rf };
    const s = this.lookup(a.fiscalCode, a.noticeNumber);
    const f = this.positionFault(s, a.fiscalCode);
    if (f || !s) return { kind: 'ko', fault: f ?? ecFault(a.fiscalCode, 'PAA_PAGAMENTO_SCONOSCIUTO') };
    this.expireLock(s);
    // SANP: "se è in corso un'altra sessione di pagamento il Nodo risponde con il faultCode PPT_PAGAMENTO_IN_CORSO"
    if (s.lockedByToken) return { kind: 'ko', fault: nodeFault('PPT_PAGAMENTO_IN_CORSO') };
    const token = this.newToken();
    const now = this.now();
    const expiresAt = now + (a.expirationTime ?? this.maxTokenMs);
    // The EC answers with the amount due now; the PSP charges totalAmount, not the printed amount (§1.1).
    const fees = this.feesFor(idPSP, a, a.fiscalCode);
    const result: SimResult = {
      kind: 'activate',
      pos: this.view(s.pos),
      paymentToken: token,
      creditorReferenceId: iuvOf(a.noticeNumber),
      transfers: this.transfersOf(s.pos),
      ...(fees ? { fees } : {}),
    };
    this.tokens.set(token, { token, posKey: key(a.fiscalCode, a.noticeNumber), idPSP, amountCents: s.pos.amountCents, expiresAt, ...(cacheKey ? { activateCacheKey: cacheKey } : {}) });
    s.lockedByToken = token;
    for (const old of this.tokens.keys()) {
      if (this.tokens.size <= this.retention.tokens) break;
      this.tokens.delete(old);
    }
    // SANP: the activate key lives no longer than the token (VALID_TO = min(key validity, token validity)).
    if (cacheKey) this.remember(cacheKey, { fingerprint, result, validTo: Math.min(now + this.keyValidityMs, expiresAt) });
    return result;
  }

  outcome(id: NodeIdentity, o: OutcomeIn): SimResult {
    const idPSP = id.idPSP;
    const fingerprint = JSON.stringify([id, o.fingerprint]);
    const cacheKey = o.idempotencyKey ? `${idPSP}|outcome|${o.idempotencyKey}` : undefined;
    this.housekeep();
    const hit = this.cached(cacheKey, fingerprint);
    if (hit) return hit;
    const idFault = this.checkIdentity(id);
    const result: SimResult = idFault ? { kind: 'ko', fault: idFault } : this.applyOutcome(idPSP, o);
    // Every answer is kept with its request hash, refusals included (as for activate).
    if (cacheKey) this.remember(cacheKey, { fingerprint, result, validTo: this.now() + this.keyValidityMs });
    return result;
  }

  private applyOutcome(idPSP: string, o: OutcomeIn): SimResult {
    if (new Set(o.tokens).size !== o.tokens.length) return { kind: 'ko', fault: nodeFault('PPT_SEMANTICA', 'duplicate paymentToken') };
    const now = this.now();
    const states: TokenState[] = [];
    for (const tk of o.tokens) {
      const t = this.tokens.get(tk);
      if (!t || t.idPSP !== idPSP) return { kind: 'ko', fault: nodeFault('PPT_TOKEN_SCONOSCIUTO', `paymentToken ${tk}`) };
      if (t.outcome) return { kind: 'ko', fault: nodeFault('PPT_ESITO_GIA_ACQUISITO', JSON.stringify({ paymentToken: tk, outcome: t.outcome })) };
      if (t.expiresAt <= now) {
        // SANP Best practice, sendPaymentOutcome after token expiry.
        if (o.outcome === 'KO') return { kind: 'ko', fault: nodeFault('PPT_TOKEN_SCADUTO_KO') };
        const s = this.positionsByKey.get(t.posKey);
        if (s) this.expireLock(s);
        const concurrent = s && (s.pos.status === 'paid' || (s.lockedByToken !== undefined && s.lockedByToken !== tk));
        return { kind: 'ko', fault: nodeFault(concurrent ? 'PPT_PAGAMENTO_DUPLICATO' : 'PPT_TOKEN_SCADUTO') };
      }
      states.push(t);
    }
    // The tokens are checked before the details: an OK without details on an unknown token is
    // PPT_TOKEN_SCONOSCIUTO, not a syntax error (node test suite NewMod1 sendPaymentOutcomeV2_syntax SIN_SPO_00).
    // SANP: details "da inserire obbligatoriamente in caso di outcome OK" (pagopa-psp.md §3.7).
    if (o.outcome === 'OK' && !o.hasDetails) return { kind: 'ko', fault: nodeFault('PPT_SINTASSI_EXTRAXSD', 'details mandatory for outcome OK') };
    const receivedAt = new Date(now).toISOString();
    for (const t of states) {
      const s = this.positionsByKey.get(t.posKey) as PosState;
      t.outcome = o.outcome;
      // SANP: "outcome = OK → posizione debitoria 'chiusa'; outcome = KO → nuovamente 'aperta'"
      if (o.outcome === 'OK') {
        s.pos.status = 'paid';
        s.paidByToken = t.token;
      }
      if (s.lockedByToken === t.token) delete s.lockedByToken;
      // SANP: the activate key "deve essere invalidata … anche nel momento di ricezione di un esito".
      if (t.activateCacheKey) this.cache.delete(t.activateCacheKey);
      this.ledgerEntries.push({ fiscalCode: s.pos.fiscalCode, noticeNumber: s.pos.noticeNumber, paymentToken: t.token, outcome: o.outcome, amountCents: t.amountCents, receivedAt });
    }
    // A window of the newest outcomes (retention.ledgerEntries), not the node's whole history.
    const over = this.ledgerEntries.length - this.retention.ledgerEntries;
    if (over > 0) this.ledgerEntries.splice(0, over);
    return { kind: 'outcome' };
  }

  private newToken(): string {
    // 32 hex chars like the node's tokens (pagopa-psp.md §3.2), from the injected random.
    for (;;) {
      let t = '';
      for (let i = 0; i < 4; i++)
        t += Math.floor(this.o.random() * 0x100000000)
          .toString(16)
          .padStart(8, '0');
      if (!this.tokens.has(t)) return t;
    }
  }
}

function defaultIban(fiscalCode: string): string {
  // A stable, well-formed IBAN per EC (ABI 01000 = Banca d'Italia, Tesoreria), check digits included.
  return italianIban('X', '01000', '03245', fiscalCode.padStart(12, '0'));
}

/** The demo GEC bundle of the simulator's PSP (any touchpoint and method): €1,50, Comune di Milano pays €0,50 of it. */
export function defaultBundles(idPSP: string): SimBundle[] {
  return [{ idPSP, idBundle: 'SIMBUNDLE-0001', feeCents: 150, ciBundles: [{ fiscalCode: '01199250158', idCiBundle: 'SIMCIBUNDLE-MILANO-01', paFeeCents: 50 }] }];
}
