// Spontaneous payments in the simulator (issue #13 §5): the services catalogue nodoChiediCatalogoServiziV2
// answers (several regions' bollo auto with their validity windows, and a second, simple service with its
// own XSD) and demandPaymentNotice: the request is XSD-checked by the caller (xsd-validator.ts); here the
// service is looked up (PPT_SERVIZIO_SCONOSCIUTO), its validity dates checked on the simulator clock
// (PPT_SERVIZIO_NONATTIVO), datiSpecificiServizio decoded and validated against the service's XSD
// (PPT_SINTASSI_XSD), and the creditor answers with a new open position — payable with verify/activate like
// any other — or its own fault (PAA_PAGAMENTO_SCONOSCIUTO: nothing known for that plate; PAA_PAGAMENTO_DUPLICATO:
// nothing due, pagopa-extra.md §e).
import type { NodeFault } from '../core/node/types';
import { PERMESSO_SOSTA_SCHEMA, TASSA_AUTO_SCHEMA } from '../core/node/service-schemas';
import { validateServiceXml, type ServiceSchema } from '../core/node/service-xsd';
import { escapeXml } from '../core/node/xml';
import { noticeNumber } from './codes';
import { ecFault, nodeFault } from './fault-codes';
import type { SimPosition } from './types';
import { parseXmlTree, type XmlEl } from './xml-tree';

export const NS_CATALOGO = 'http://pagopa-api.pagopa.gov.it/nodeForPsp/xsd/CatalogoServizi';

export type SimProvider = {
  idSoggettoServizio: string;
  idDominio: string;
  denominazioneEnteCreditore: string;
  dataInizioValidita: string;
  dataFineValidita?: string;
  commissione?: 'Y' | 'N';
  /** Admin knob: the creditor's service is closed now, whatever the dates (PPT_SERVIZIO_NONATTIVO). */
  closed?: boolean;
};
export type SimService = { idServizio: string; descrizioneServizio: string; categoria?: string; xsdRiferimento: string; soggetti: SimProvider[] };

/** What a creditor knows about a request (by its key, see keyOf): an amount due, or nothing due. */
export type SimDebt = { service: string; key: string; amountCents: number; description: string; status: 'due' | 'nothing-due' };

export const DEFAULT_CATALOGUE: readonly SimService[] = [
  {
    idServizio: '00001',
    descrizioneServizio: 'Tassa automobilistica',
    categoria: 'TASSA AUTO',
    xsdRiferimento: 'TassaAutomobilistica_1_1_0',
    soggetti: [
      { idSoggettoServizio: '00101', idDominio: '80143490581', denominazioneEnteCreditore: 'Regione Lazio', dataInizioValidita: '2020-01-01', commissione: 'Y' },
      { idSoggettoServizio: '00102', idDominio: '80050050154', denominazioneEnteCreditore: 'Regione Lombardia', dataInizioValidita: '2020-01-01', commissione: 'Y' },
      { idSoggettoServizio: '00103', idDominio: '80087670016', denominazioneEnteCreditore: 'Regione Piemonte', dataInizioValidita: '2019-01-01', dataFineValidita: '2025-12-31', commissione: 'Y' },
      { idSoggettoServizio: '00104', idDominio: '01386030488', denominazioneEnteCreditore: 'Regione Toscana', dataInizioValidita: '2099-01-01', commissione: 'N' },
    ],
  },
  {
    idServizio: '00002',
    descrizioneServizio: 'Permesso sosta residenti',
    categoria: 'SOSTA',
    xsdRiferimento: 'PermessoSostaResidenti_1_0_0',
    soggetti: [{ idSoggettoServizio: '00201', idDominio: '01199250158', denominazioneEnteCreditore: 'Comune di Milano', dataInizioValidita: '2024-01-01', commissione: 'N' }],
  },
];

/** The simulator's creditors' records: plates with the car tax due, one with nothing due; permits. */
export const DEFAULT_DEBTS: readonly SimDebt[] = [
  { service: 'TassaAutomobilistica_1_1_0', key: '1|AB123CD', amountCents: 24_530, description: 'Tassa automobilistica 2026 - AB123CD', status: 'due' },
  { service: 'TassaAutomobilistica_1_1_0', key: '1|EF456GH', amountCents: 18_900, description: 'Tassa automobilistica 2026 - EF456GH', status: 'due' },
  { service: 'TassaAutomobilistica_1_1_0', key: '1|RM123456', amountCents: 31_275, description: 'Tassa automobilistica 2026 - RM123456', status: 'due' },
  { service: 'TassaAutomobilistica_1_1_0', key: '2|XA123BC', amountCents: 6_020, description: 'Tassa automobilistica rimorchi 2026 - XA123BC', status: 'due' },
  { service: 'TassaAutomobilistica_1_1_0', key: '4|AB12345', amountCents: 4_560, description: 'Tassa automobilistica motoveicoli 2026 - AB12345', status: 'due' },
  { service: 'TassaAutomobilistica_1_1_0', key: '1|ZZ999ZZ', amountCents: 0, description: 'Tassa automobilistica 2026 - ZZ999ZZ (già pagata)', status: 'nothing-due' },
  { service: 'PermessoSostaResidenti_1_0_0', key: 'MI123456|2026', amountCents: 8_000, description: 'Permesso sosta residenti 2026 - MI123456', status: 'due' },
  { service: 'PermessoSostaResidenti_1_0_0', key: 'MI000000|2026', amountCents: 0, description: 'Permesso sosta residenti 2026 - MI000000 (esente)', status: 'nothing-due' },
];

/** Each service the simulated creditors run: its XSD, and the record key its document names. */
const SERVICES: Readonly<Record<string, { schema: ServiceSchema; keyOf: (root: XmlEl) => string }>> = {
  TassaAutomobilistica_1_1_0: {
    schema: TASSA_AUTO_SCHEMA,
    keyOf: (r) => {
      const v = r.children[0] as XmlEl;
      return `${v.children[0]?.text ?? ''}|${v.children[1]?.text ?? ''}`;
    },
  },
  PermessoSostaResidenti_1_0_0: { schema: PERMESSO_SOSTA_SCHEMA, keyOf: (r) => `${r.children[0]?.text ?? ''}|${(r.children[1]?.text ?? '').trim()}` },
};

export type DemandAnswer = { kind: 'ko'; fault: NodeFault } | { kind: 'notice'; position: SimPosition };

export class SimSpontaneous {
  private catalogue: SimService[] = [];
  private debts = new Map<string, SimDebt>();
  /** Notices already issued per request, so asking twice answers the same notice while it is open. */
  private issued = new Map<string, string>();
  private counter = 0;

  constructor(
    private readonly now: () => number,
    private readonly positionStatus: (fiscalCode: string, noticeNumber: string) => SimPosition['status'] | undefined,
  ) {
    this.reset();
  }

  reset(): void {
    this.catalogue = structuredClone(DEFAULT_CATALOGUE) as SimService[];
    this.debts = new Map(DEFAULT_DEBTS.map((d) => [`${d.service}|${d.key}`, { ...d }]));
    this.issued.clear();
    this.counter = 0;
  }

  services(): SimService[] {
    return structuredClone(this.catalogue);
  }

  addDebts(list: SimDebt[]): void {
    for (const d of list) this.debts.set(`${d.service}|${d.key}`, { ...d });
  }

  /** Admin: opens or closes a provider's service now (PPT_SERVIZIO_NONATTIVO while closed). */
  setClosed(idSoggettoServizio: string, closed: boolean): boolean {
    const p = this.catalogue.flatMap((s) => s.soggetti).find((x) => x.idSoggettoServizio === idSoggettoServizio);
    if (!p) return false;
    p.closed = closed;
    return true;
  }

  /** The CatalogoServizi_2_0_0 document (unqualified children), optionally filtered as the request asks. */
  catalogueXml(filter: { idDominio?: string; categoria?: string; commissione?: string }): string {
    const services = this.catalogue
      .filter((s) => filter.categoria === undefined || s.categoria === filter.categoria)
      .map((s) => ({
        ...s,
        soggetti: s.soggetti.filter((p) => (filter.idDominio === undefined || p.idDominio === filter.idDominio) && (filter.commissione === undefined || p.commissione === filter.commissione)),
      }))
      .filter((s) => s.soggetti.length > 0);
    const e = (n: string, v: string | undefined) => (v === undefined ? '' : `<${n}>${escapeXml(v)}</${n}>`);
    const body = services
      .map(
        (s) =>
          `<catalogoServizi>${e('idServizio', s.idServizio)}${e('descrizioneServizio', s.descrizioneServizio)}<elencoSoggettiEroganti>${s.soggetti
            .map(
              (p) =>
                `<soggettoErogante>${e('idSoggettoServizio', p.idSoggettoServizio)}${e('idDominio', p.idDominio)}${e('denominazioneEnteCreditore', p.denominazioneEnteCreditore)}${e('dataInizioValidita', p.dataInizioValidita)}${e('dataFineValidita', p.dataFineValidita)}${e('commissione', p.commissione)}</soggettoErogante>`,
            )
            .join('')}</elencoSoggettiEroganti>${e('categoria', s.categoria)}${e('xsdRiferimento', s.xsdRiferimento)}</catalogoServizi>`,
      )
      .join('');
    return `<?xml version="1.0" encoding="UTF-8"?><cs:listaCatalogoServizi xmlns:cs="${NS_CATALOGO}">${body}</cs:listaCatalogoServizi>`;
  }

  /** demandPaymentNotice on an XSD-valid request: idSoggettoServizio and the base64 datiSpecificiServizio. */
  demand(idSoggettoServizio: string, datiBase64: string): DemandAnswer {
    const service = this.catalogue.find((s) => s.soggetti.some((p) => p.idSoggettoServizio === idSoggettoServizio));
    const provider = service?.soggetti.find((p) => p.idSoggettoServizio === idSoggettoServizio);
    if (!service || !provider) return { kind: 'ko', fault: nodeFault('PPT_SERVIZIO_SCONOSCIUTO', `idSoggettoServizio ${idSoggettoServizio} is not in the catalogue`) };
    // The validity dates are Italian calendar days.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(this.now()));
    if (provider.closed || day < provider.dataInizioValidita || (provider.dataFineValidita !== undefined && day > provider.dataFineValidita))
      return { kind: 'ko', fault: nodeFault('PPT_SERVIZIO_NONATTIVO', `service ${idSoggettoServizio} not active on ${day}`) };
    const def = SERVICES[service.xsdRiferimento];
    if (!def) return { kind: 'ko', fault: nodeFault('PPT_VERSIONE_SERVIZIO', `no schema ${service.xsdRiferimento}`) };
    // "bad or empty base64" is refused by nodeForPsp.xsd before this (PPT_SINTASSI_EXTRAXSD).
    const xml = Buffer.from(datiBase64.replace(/[\t\n\r ]/g, ''), 'base64').toString('utf8');
    const valid = xml.trim() === '' ? { ok: false as const, error: 'empty datiSpecificiServizio' } : validateServiceXml(xml, def.schema);
    if (!valid.ok) return { kind: 'ko', fault: nodeFault('PPT_SINTASSI_XSD', `datiSpecificiServizio: ${valid.error}`.slice(0, 500)) };
    const key = def.keyOf(parseXmlTree(xml));
    const debt = this.debts.get(`${service.xsdRiferimento}|${key}`);
    if (!debt) return { kind: 'ko', fault: ecFault(provider.idDominio, 'PAA_PAGAMENTO_SCONOSCIUTO', 'Nessuna posizione debitoria per i dati indicati') };
    const requestKey = `${idSoggettoServizio}|${key}`;
    const previous = this.issued.get(requestKey);
    if (debt.status === 'nothing-due' || (previous && this.positionStatus(provider.idDominio, previous) === 'paid'))
      return { kind: 'ko', fault: ecFault(provider.idDominio, 'PAA_PAGAMENTO_DUPLICATO', 'Nulla da pagare: tributo già versato o non dovuto') };
    const number = previous && this.positionStatus(provider.idDominio, previous) === 'open' ? previous : this.nextNotice(idSoggettoServizio);
    this.issued.set(requestKey, number);
    return {
      kind: 'notice',
      position: {
        fiscalCode: provider.idDominio,
        noticeNumber: number,
        amountCents: debt.amountCents,
        companyName: provider.denominazioneEnteCreditore,
        description: debt.description,
        status: 'open',
      },
    };
  }

  private nextNotice(idSoggettoServizio: string): string {
    this.counter++;
    // Segregation code 47 (the creditors' spontaneous-payment station), IUV base from the service and a counter.
    const base = `${idSoggettoServizio}${String(this.now() % 100_000).padStart(5, '0')}${String(this.counter).padStart(3, '0')}`.slice(-13).padStart(13, '0');
    return noticeNumber('47', base);
  }
}
