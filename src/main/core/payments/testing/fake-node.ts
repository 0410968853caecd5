// In-memory node for fast state-machine tests: SANP semantics that matter to the engine (position
// locking, token expiry, idempotency replay, one outcome per token) without SOAP. Integration tests
// use the real simulator (src/main/node-sim) over loopback instead.
import type { Clock } from '../../../../common/clock';
import { NodeCallError, type NodeCallErrorKind } from '../../node/errors';
import type { ActivateOk, ActivateRequest, KO, OutcomeOk, OutcomeRequest, VerifyOk, VerifyRequest } from '../../node/types';
import type { PaymentNode } from '../node-port';

type Position = { amountCents: number; status: 'open' | 'activated' | 'paid'; token: string | null; tokenExpiresAt: number; fault?: { faultCode: string; originalFaultCode?: string } };
type Op = 'verify' | 'activate' | 'outcome';
type Injected = { op: Op; kind: NodeCallErrorKind; processed: boolean; count: number };

export type LedgerEntry = { fiscalCode: string; noticeNumber: string; paymentToken: string; outcome: 'OK' | 'KO'; amountCents: number };

function ko(faultCode: string, originalFaultCode?: string): KO {
  return { outcome: 'KO', fault: { faultCode, faultString: faultCode, id: 'NodoDeiPagamentiSPC', ...(originalFaultCode ? { originalFaultCode } : {}) } };
}

export class FakeNode implements PaymentNode {
  readonly positions = new Map<string, Position>();
  readonly ledger: LedgerEntry[] = [];
  readonly calls: { op: Op; key?: string }[] = [];
  down = false;
  private readonly injected: Injected[] = [];
  private readonly cache = new Map<string, { params: string; res: unknown }>();
  private readonly tokens = new Map<string, { key: string; outcome: 'OK' | 'KO' | null }>();
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  add(fiscalCode: string, noticeNumber: string, amountCents: number, fault?: Position['fault']): void {
    this.positions.set(`${fiscalCode}|${noticeNumber}`, { amountCents, status: 'open', token: null, tokenExpiresAt: 0, ...(fault ? { fault } : {}) });
  }

  position(fiscalCode: string, noticeNumber: string): Position | undefined {
    return this.positions.get(`${fiscalCode}|${noticeNumber}`);
  }

  /** The next `count` calls of `op` fail in transport; with `processed` the node acts before the failure. */
  fail(op: Op, kind: NodeCallErrorKind = 'timeout', opts: { processed?: boolean; count?: number } = {}): void {
    this.injected.push({ op, kind, processed: opts.processed ?? false, count: opts.count ?? 1 });
  }

  private async gate<T>(op: Op, act: () => T): Promise<T> {
    await Promise.resolve();
    if (this.down) throw new NodeCallError({ kind: 'connection-refused', operation: op, message: 'connect ECONNREFUSED', maybeProcessed: false });
    const inj = this.injected.find((i) => i.op === op && i.count > 0);
    if (inj) {
      inj.count -= 1;
      if (inj.processed) act();
      throw new NodeCallError({ kind: inj.kind, operation: op, message: `injected ${inj.kind}`, maybeProcessed: inj.kind === 'timeout' || inj.kind === 'connection-reset' });
    }
    return act();
  }

  private live(p: Position): boolean {
    if (p.status === 'activated' && this.clock.now() >= p.tokenExpiresAt) {
      p.status = 'open';
      p.token = null;
    }
    return p.status === 'activated';
  }

  verifyPaymentNotice(req: VerifyRequest): Promise<VerifyOk | KO> {
    return this.gate('verify', () => {
      this.calls.push({ op: 'verify' });
      const p = this.positions.get(`${req.fiscalCode}|${req.noticeNumber}`);
      if (!p) return ko('PPT_ERRORE_EMESSO_DA_PAA', 'PAA_PAGAMENTO_SCONOSCIUTO');
      if (p.fault) return ko(p.fault.faultCode, p.fault.originalFaultCode);
      if (p.status === 'paid') return ko('PPT_PAGAMENTO_DUPLICATO');
      return { outcome: 'OK', amountCents: p.amountCents, companyName: 'Comune di Test', paymentDescription: 'TARI 2026', fiscalCodePA: req.fiscalCode };
    });
  }

  activatePaymentNotice(req: ActivateRequest): Promise<ActivateOk | KO> {
    return this.gate('activate', () => {
      this.calls.push({ op: 'activate', key: req.idempotencyKey });
      const params = JSON.stringify([req.fiscalCode, req.noticeNumber, req.amountCents]);
      const cached = this.cache.get(`a|${req.idempotencyKey}`);
      if (cached) return cached.params === params ? (cached.res as ActivateOk | KO) : ko('PPT_ERRORE_IDEMPOTENZA');
      const p = this.positions.get(`${req.fiscalCode}|${req.noticeNumber}`);
      let res: ActivateOk | KO;
      if (!p) res = ko('PPT_ERRORE_EMESSO_DA_PAA', 'PAA_PAGAMENTO_SCONOSCIUTO');
      else if (p.fault) res = ko(p.fault.faultCode, p.fault.originalFaultCode);
      else if (p.status === 'paid') res = ko('PPT_PAGAMENTO_DUPLICATO');
      else if (this.live(p)) res = ko('PPT_PAGAMENTO_IN_CORSO');
      else {
        const token = `tok${String(++this.seq).padStart(29, '0')}`;
        p.status = 'activated';
        p.token = token;
        p.tokenExpiresAt = this.clock.now() + (req.expirationTimeMs ?? 1_800_000);
        this.tokens.set(token, { key: `${req.fiscalCode}|${req.noticeNumber}`, outcome: null });
        res = {
          outcome: 'OK',
          totalAmountCents: p.amountCents,
          paymentToken: token,
          creditorReferenceId: req.noticeNumber.slice(1),
          companyName: 'Comune di Test',
          paymentDescription: 'TARI 2026',
          fiscalCodePA: req.fiscalCode,
          transfers: [{ idTransfer: 1, amountCents: p.amountCents, fiscalCodePA: req.fiscalCode, remittanceInformation: 'TARI' }],
        };
      }
      this.cache.set(`a|${req.idempotencyKey}`, { params, res });
      return res;
    });
  }

  sendPaymentOutcome(req: OutcomeRequest): Promise<OutcomeOk | KO> {
    return this.gate('outcome', () => {
      this.calls.push({ op: 'outcome', key: req.idempotencyKey });
      const params = JSON.stringify([req.paymentTokens, req.outcome]);
      const cached = this.cache.get(`o|${req.idempotencyKey}`);
      if (cached) return cached.params === params ? (cached.res as OutcomeOk | KO) : ko('PPT_ERRORE_IDEMPOTENZA');
      const token = req.paymentTokens[0] ?? '';
      const t = this.tokens.get(token);
      let res: OutcomeOk | KO;
      if (!t) res = ko('PPT_TOKEN_SCONOSCIUTO');
      else if (t.outcome) res = ko('PPT_ESITO_GIA_ACQUISITO');
      else {
        const p = this.positions.get(t.key) as Position;
        const expired = p.token !== token || this.clock.now() >= p.tokenExpiresAt;
        if (expired) res = ko(req.outcome === 'OK' ? (p.status === 'paid' ? 'PPT_PAGAMENTO_DUPLICATO' : 'PPT_TOKEN_SCADUTO') : 'PPT_TOKEN_SCADUTO_KO');
        else {
          t.outcome = req.outcome;
          p.status = req.outcome === 'OK' ? 'paid' : 'open';
          p.token = null;
          const [fiscalCode, noticeNumber] = t.key.split('|') as [string, string];
          this.ledger.push({ fiscalCode, noticeNumber, paymentToken: token, outcome: req.outcome, amountCents: p.amountCents });
          res = { outcome: 'OK' };
        }
      }
      this.cache.set(`o|${req.idempotencyKey}`, { params, res });
      return res;
    });
  }
}
