// Spontaneous payments (issue #13): the services catalogue (fetched with nodoChiediCatalogoServiziV2 at
// start and daily, stored, used from the store when the node is unreachable) and demandPaymentNotice for a
// catalogue service through its form (validation, service XML checked against the service's XSD, base64).
// The notice it answers is then paid like any other (SaleService.demand → engine.lookup), never offline:
// without the node there is no notice to pay.
import type { Clock } from '../../../common/clock';
import type { SportelloConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { NodeRequestError } from '../node/errors';
import type { DemandOk, NodeClient, NodeFault } from '../node/types';
import { asTransportFailure } from '../payments/node-port';
import { activeOn, CatalogueFormatError, italianDay, parseCatalogue, type CatalogueEntry } from './catalogue';
import type { CatalogueStore, SpontaneousRecord } from './catalogue-store';
import { formFor, type FieldError, type FormValues, type ServiceForm, type Text } from './forms';
import { validateServiceXml } from '../node/service-xsd';

export type SpontaneousNode = Pick<NodeClient, 'chiediCatalogoServizi' | 'demandPaymentNotice'>;

export type SpontaneousDeps = {
  node: SpontaneousNode;
  store: CatalogueStore;
  config: () => SportelloConfig;
  clock: Clock;
  logger: Logger;
};

/** Why a spontaneous payment cannot go ahead; each has its message in both languages. */
export type SpontaneousRefusalCode =
  | 'disabled'
  | 'catalogue-missing'
  | 'catalogue-stale'
  | 'service-unknown'
  | 'service-not-active'
  | 'service-closed'
  | 'not-found'
  | 'nothing-due'
  | 'node-unreachable'
  | 'node-timeout'
  | 'node-error'
  | 'invalid-request';

export type SpontaneousRefusal = { readonly kind: 'refused'; readonly code: SpontaneousRefusalCode; readonly message: Text; readonly faultCode?: string };

/** A catalogue entry as the screens and the CLI list it. */
export type CatalogueView = CatalogueEntry & {
  /** A form for its xsdRiferimento is known and enabled on this terminal. */
  readonly collectable: boolean;
  /** Today is inside its validity dates. */
  readonly active: boolean;
  readonly formTitle: Text | null;
};

export type CatalogueSnapshot = {
  readonly fetchedAt: number | null;
  readonly stale: boolean;
  /** The last refresh attempt failed (the stored copy, if any, is what is shown). */
  readonly lastError: string | null;
  readonly entries: readonly CatalogueView[];
};

export type RefreshResult = { readonly ok: true; readonly entries: number; readonly fetchedAt: number } | { readonly ok: false; readonly error: string; readonly unreachable: boolean };

export type DemandResult =
  | { readonly kind: 'invalid'; readonly errors: readonly FieldError[] }
  | SpontaneousRefusal
  | { readonly kind: 'notice'; readonly notice: DemandOk; readonly entry: CatalogueEntry; readonly form: ServiceForm; readonly values: Readonly<Record<string, string>>; readonly serviceXml: string };

const T = (it: string, en: string): Text => ({ it, en });

const ONLINE_ONLY = T(
  'I pagamenti spontanei (bollo auto e servizi del catalogo) si fanno solo con pagoPA raggiungibile: non possono essere accettati offline. Non è stato incassato nulla; riprova quando il collegamento torna.',
  'Spontaneous payments (car tax and catalogue services) need pagoPA to be reachable: they are never taken offline. Nothing was charged; try again when the connection is back.',
);

export function spontaneousMessage(code: SpontaneousRefusalCode, summary = '', detail = ''): Text {
  const what = summary ? ` (${summary})` : '';
  switch (code) {
    case 'disabled':
      return T('I pagamenti spontanei non sono attivi su questo terminale.', 'Spontaneous payments are not enabled on this terminal.');
    case 'catalogue-missing':
      return T(
        'Il catalogo dei servizi pagoPA non è ancora stato scaricato: serve il collegamento con pagoPA.',
        'The pagoPA services catalogue has not been downloaded yet: pagoPA must be reachable.',
      );
    case 'catalogue-stale':
      return T(
        `Il catalogo dei servizi pagoPA non è aggiornato${detail ? ` (${detail})` : ''} e non è stato possibile scaricarlo di nuovo: chiama il tecnico.`,
        `The pagoPA services catalogue is out of date${detail ? ` (${detail})` : ''} and could not be downloaded again: call the technician.`,
      );
    case 'service-unknown':
      return T(
        'Servizio non disponibile: non è nel catalogo pagoPA o questo terminale non lo incassa.',
        'Service not available: it is not in the pagoPA catalogue or this terminal does not collect it.',
      );
    case 'service-not-active':
      return T(
        `Servizio non attivo oggi secondo il catalogo pagoPA${detail ? ` (${detail})` : ''}.`,
        `The service is not active today according to the pagoPA catalogue${detail ? ` (${detail})` : ''}.`,
      );
    case 'service-closed':
      return T("Il servizio non è al momento disponibile presso l'ente (fuori dal periodo di validità).", 'The service is not available at the creditor right now (outside its validity period).');
    case 'not-found':
      return T(
        `Nessuna posizione trovata per questi dati${what}: controlla i dati inseriti (per il bollo: targa e tipo di veicolo).`,
        `Nothing found for these details${what}: check what was entered (for the car tax: plate and vehicle type).`,
      );
    case 'nothing-due':
      return T(`Non c'è nulla da pagare${what}: il tributo risulta già pagato o non dovuto.`, `Nothing is due${what}: the tax is already paid or not owed.`);
    case 'node-unreachable':
      return ONLINE_ONLY;
    case 'node-timeout':
      return T(
        'pagoPA non ha risposto in tempo (12 secondi): non è stato incassato nulla. I pagamenti spontanei non si accettano offline; riprova tra poco.',
        'pagoPA did not answer in time (12 seconds): nothing was charged. Spontaneous payments are never taken offline; try again shortly.',
      );
    case 'node-error':
      return T(`pagoPA ha rifiutato la richiesta${detail ? ` (${detail})` : ''}: non è stato incassato nulla.`, `pagoPA refused the request${detail ? ` (${detail})` : ''}: nothing was charged.`);
    case 'invalid-request':
      return T(
        `I dati non rispettano lo schema del servizio${detail ? ` (${detail})` : ''}: richiesta non inviata.`,
        `The details do not satisfy the service’s schema${detail ? ` (${detail})` : ''}: request not sent.`,
      );
  }
}

const refusal = (code: SpontaneousRefusalCode, summary = '', detail = '', faultCode?: string): SpontaneousRefusal => ({
  kind: 'refused',
  code,
  message: spontaneousMessage(code, summary, detail),
  ...(faultCode ? { faultCode } : {}),
});

/** demandPaymentNotice KO → refusal (pagopa-extra.md §e faults; the EC's answer wrapped in PPT_ERRORE_EMESSO_DA_PAA). */
export function demandFaultRefusal(f: NodeFault, summary: string): SpontaneousRefusal {
  const code = f.faultCode === 'PPT_ERRORE_EMESSO_DA_PAA' && f.originalFaultCode ? `${f.faultCode}-${f.originalFaultCode}` : f.faultCode;
  switch (f.faultCode) {
    case 'PPT_SERVIZIO_SCONOSCIUTO':
    case 'PPT_VERSIONE_SERVIZIO':
      return refusal('service-unknown', summary, '', code);
    case 'PPT_SERVIZIO_NONATTIVO':
      return refusal('service-closed', summary, '', code);
  }
  if (f.faultCode === 'PPT_ERRORE_EMESSO_DA_PAA') {
    if (f.originalFaultCode === 'PAA_PAGAMENTO_SCONOSCIUTO') return refusal('not-found', summary, '', code);
    if (f.originalFaultCode === 'PAA_PAGAMENTO_DUPLICATO' || f.originalFaultCode === 'PAA_PAGAMENTO_ANNULLATO' || f.originalFaultCode === 'PAA_PAGAMENTO_SCADUTO')
      return refusal('nothing-due', summary, '', code);
  }
  return refusal('node-error', summary, code, code);
}

export class SpontaneousService {
  private readonly log: Logger;
  private lastError: string | null = null;

  constructor(private readonly deps: SpontaneousDeps) {
    this.log = deps.logger.child('spontaneous');
  }

  private get cfg() {
    return this.deps.config().spontaneous;
  }

  /** Fetches the catalogue and replaces the stored copy; on failure the stored copy stays. */
  async refreshCatalogue(): Promise<RefreshResult> {
    const now = this.deps.clock.now();
    try {
      const r = await this.deps.node.chiediCatalogoServizi({});
      if (r.outcome === 'KO') return this.failed(`${r.fault.faultCode}: ${r.fault.faultString}`, false);
      const entries = parseCatalogue(r.catalogueXml);
      this.deps.store.replace(entries, r.catalogueXml, now);
      this.lastError = null;
      this.log.info('catalogue refreshed', { entries: entries.length });
      return { ok: true, entries: entries.length, fetchedAt: now };
    } catch (err) {
      const f = asTransportFailure(err);
      if (f) return this.failed(f.kind, true);
      if (err instanceof CatalogueFormatError) return this.failed(`malformed catalogue: ${err.message}`, false);
      throw err;
    }
  }

  private failed(error: string, unreachable: boolean): RefreshResult {
    this.lastError = error;
    this.log.warn('catalogue refresh failed', { error });
    return { ok: false, error, unreachable };
  }

  private isStale(fetchedAt: number): boolean {
    return this.deps.clock.now() - fetchedAt > this.cfg.staleAfterHours * 3_600_000;
  }

  /** The stored catalogue with, for each entry, whether this terminal can collect it today. */
  catalogue(): CatalogueSnapshot {
    const stored = this.deps.store.load();
    const day = italianDay(this.deps.clock.now());
    const entries = (stored?.entries ?? []).map((e): CatalogueView => {
      const form = formFor(e.xsdRiferimento, this.cfg.forms);
      return { ...e, collectable: form !== undefined, active: activeOn(e, day), formTitle: form?.title ?? null };
    });
    return { fetchedAt: stored?.fetchedAt ?? null, stale: stored ? this.isStale(stored.fetchedAt) : true, lastError: this.lastError, entries };
  }

  /** What the counter and the kiosk offer: collectable entries active today. */
  services(): CatalogueView[] {
    return this.catalogue().entries.filter((e) => e.collectable && e.active);
  }

  /** The service preselected for this terminal's region (configuration), among those of `xsdRiferimento` when given. */
  defaultService(xsdRiferimento?: string): string | null {
    const region = this.cfg.regionIdDominio;
    const list = this.services().filter((e) => xsdRiferimento === undefined || formFor(e.xsdRiferimento)?.xsdRiferimento === formFor(xsdRiferimento)?.xsdRiferimento);
    return list.find((e) => e.idDominio === region)?.idSoggettoServizio ?? null;
  }

  /** Normalises and validates the form values for a service (no node call). */
  check(
    idSoggettoServizio: string,
    raw: FormValues,
  ): { kind: 'ok'; entry: CatalogueEntry; form: ServiceForm; values: Record<string, string> } | { kind: 'invalid'; errors: FieldError[] } | SpontaneousRefusal {
    if (!this.cfg.enabled) return refusal('disabled');
    const entry = this.catalogue().entries.find((e) => e.idSoggettoServizio === idSoggettoServizio);
    const form = entry ? formFor(entry.xsdRiferimento, this.cfg.forms) : undefined;
    if (!entry || !form) return refusal('service-unknown');
    const values = form.normalize(raw);
    const errors = form.validate(values);
    if (errors.length > 0) return { kind: 'invalid', errors };
    return { kind: 'ok', entry, form, values };
  }

  /**
   * demandPaymentNotice for `idSoggettoServizio` with the form's values: validated, built, checked against
   * the service's XSD, then sent. Never queued, never retried automatically (pagopa-extra.md §e).
   */
  async demand(idSoggettoServizio: string, raw: FormValues): Promise<DemandResult> {
    if (!this.cfg.enabled) return refusal('disabled');
    let stored = this.deps.store.load();
    // Field mistakes first, whatever the node: a wrong plate is said as such, and never reaches pagoPA.
    if (stored) {
      const early = this.check(idSoggettoServizio, raw);
      if (early.kind === 'invalid') return early;
    }
    if (!stored || this.isStale(stored.fetchedAt)) {
      const r = await this.refreshCatalogue();
      if (!r.ok && r.unreachable) return refusal('node-unreachable');
      stored = this.deps.store.load();
      if (!stored) return refusal('catalogue-missing');
      if (this.isStale(stored.fetchedAt)) return refusal('catalogue-stale', '', new Date(stored.fetchedAt).toISOString().slice(0, 10));
    }
    const c = this.check(idSoggettoServizio, raw);
    if (c.kind !== 'ok') return c;
    const { entry, form, values } = c;
    const summary = form.summary(values);
    const day = italianDay(this.deps.clock.now());
    if (!activeOn(entry, day)) return refusal('service-not-active', summary, `${entry.dataInizioValidita} – ${entry.dataFineValidita ?? '…'}`);
    const xml = form.buildXml(values);
    // Checked before sending (issue #13 §2): a document the service's XSD refuses never leaves the terminal.
    const valid = validateServiceXml(xml, form.schema);
    if (!valid.ok) {
      this.log.error('service XML refused by its schema', { service: entry.idSoggettoServizio, error: valid.error });
      return refusal('invalid-request', summary, valid.error);
    }
    let r;
    try {
      r = await this.deps.node.demandPaymentNotice({ idSoggettoServizio: entry.idSoggettoServizio, serviceXml: xml });
    } catch (err) {
      if (err instanceof NodeRequestError) return refusal('invalid-request', summary, err.message);
      const f = asTransportFailure(err);
      if (!f) throw err;
      this.log.warn('demandPaymentNotice failed', { service: entry.idSoggettoServizio, kind: f.kind });
      if (f.kind === 'timeout') return refusal('node-timeout', summary);
      if (['connection-refused', 'connection-reset', 'dns', 'http', 'tls', 'unauthorized'].includes(f.kind)) return refusal('node-unreachable', summary);
      return refusal('node-error', summary, f.kind);
    }
    if (r.outcome === 'KO') return demandFaultRefusal(r.fault, summary);
    return { kind: 'notice', notice: r, entry, form, values, serviceXml: xml };
  }

  /** The record kept for a payment started by a demand: service and the values marked for the receipt. */
  recordFor(paymentId: string, d: Extract<DemandResult, { kind: 'notice' }>): SpontaneousRecord {
    const details = d.form.fields
      .filter((f) => f.onReceipt)
      .map((f) => {
        const v = d.values[f.id] ?? '';
        const option = f.options?.find((o) => o.value === v);
        return { label: f.label.it, value: option ? option.label.it : v };
      });
    return {
      paymentId,
      idSoggettoServizio: d.entry.idSoggettoServizio,
      idServizio: d.entry.idServizio,
      serviceName: `${d.entry.descrizioneServizio} - ${d.entry.denominazioneEnteCreditore}`,
      xsdRiferimento: d.entry.xsdRiferimento,
      summary: d.form.summary(d.values),
      details,
      createdAt: this.deps.clock.now(),
    };
  }

  record(r: SpontaneousRecord): void {
    this.deps.store.recordPayment(r);
  }

  forPayment(paymentId: string): SpontaneousRecord | null {
    return this.deps.store.forPayment(paymentId);
  }
}
