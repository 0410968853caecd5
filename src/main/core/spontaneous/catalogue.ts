// The services catalogue (issue #13 §1): xsd-common/CatalogoServizi_2_0_0.xsd, the document inside
// nodoChiediCatalogoServiziV2Response/xmlCatalogoServizi (pagopa-extra.md §e). Root listaCatalogoServizi in
// the CatalogoServizi namespace, children unqualified; each catalogoServizi: idServizio (5),
// descrizioneServizio (1..70), elencoSoggettiEroganti/soggettoErogante+ (idSoggettoServizio (5), idDominio,
// denominazioneEnteCreditore, dataInizioValidita, dataFineValidita?, commissione?), categoria?, xsdRiferimento.
import { parseXmlTree, XmlTreeError, type XmlEl } from '../node/xml-tree';

export const NS_CATALOGO_SERVIZI = 'http://pagopa-api.pagopa.gov.it/nodeForPsp/xsd/CatalogoServizi';

/** One soggettoErogante of one service: what demandPaymentNotice's idSoggettoServizio names. */
export type CatalogueEntry = {
  readonly idSoggettoServizio: string;
  readonly idServizio: string;
  readonly descrizioneServizio: string;
  readonly categoria: string | null;
  readonly xsdRiferimento: string;
  readonly idDominio: string;
  readonly denominazioneEnteCreditore: string;
  /** YYYY-MM-DD */
  readonly dataInizioValidita: string;
  /** YYYY-MM-DD, or null = open-ended. */
  readonly dataFineValidita: string | null;
  readonly commissione: 'Y' | 'N' | null;
};

export class CatalogueFormatError extends Error {
  override readonly name = 'CatalogueFormatError';
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const child = (e: XmlEl, n: string) => e.children.find((c) => c.local === n && c.ns === null);
const len = (s: string) => [...s].length;

function text(e: XmlEl, n: string, where: string, min: number, max: number, required: true): string;
function text(e: XmlEl, n: string, where: string, min: number, max: number, required: false): string | null;
function text(e: XmlEl, n: string, where: string, min: number, max: number, required: boolean): string | null {
  const c = child(e, n);
  if (!c) {
    if (required) throw new CatalogueFormatError(`${where}/${n}: missing`);
    return null;
  }
  const v = c.text;
  if (len(v) < min || len(v) > max) throw new CatalogueFormatError(`${where}/${n}: length ${len(v)} outside ${min}..${max}`);
  // eslint-disable-next-line no-control-regex -- distrust the node: no control character reaches a screen or a printer
  if (/[\u0000-\u001F\u007F-\u009F]/.test(v)) throw new CatalogueFormatError(`${where}/${n}: control character`);
  return v;
}

function date(e: XmlEl, n: string, where: string, required: boolean): string | null {
  const c = child(e, n);
  if (!c) {
    if (required) throw new CatalogueFormatError(`${where}/${n}: missing`);
    return null;
  }
  const v = c.text.trim();
  if (!DATE.test(v)) throw new CatalogueFormatError(`${where}/${n}: not a date YYYY-MM-DD`);
  return v;
}

/** Parses (and checks the shape of) a CatalogoServizi document; one entry per soggettoErogante. */
export function parseCatalogue(xml: string): CatalogueEntry[] {
  let root: XmlEl;
  try {
    root = parseXmlTree(xml);
  } catch (e) {
    throw new CatalogueFormatError(e instanceof XmlTreeError ? e.message : 'unreadable catalogue');
  }
  if (root.local !== 'listaCatalogoServizi' || root.ns !== NS_CATALOGO_SERVIZI) throw new CatalogueFormatError(`root ${root.local}: expected listaCatalogoServizi`);
  const out: CatalogueEntry[] = [];
  const services = root.children.filter((c) => c.local === 'catalogoServizi');
  if (services.length === 0) throw new CatalogueFormatError('listaCatalogoServizi: no catalogoServizi');
  const seen = new Set<string>();
  services.forEach((s, i) => {
    const w = `catalogoServizi[${i + 1}]`;
    const idServizio = text(s, 'idServizio', w, 5, 5, true);
    const descrizioneServizio = text(s, 'descrizioneServizio', w, 1, 70, true);
    const categoria = text(s, 'categoria', w, 1, 35, false);
    const xsdRiferimento = text(s, 'xsdRiferimento', w, 1, 35, true);
    const list = child(s, 'elencoSoggettiEroganti');
    const soggetti = list?.children.filter((c) => c.local === 'soggettoErogante') ?? [];
    if (soggetti.length === 0) throw new CatalogueFormatError(`${w}/elencoSoggettiEroganti: no soggettoErogante`);
    soggetti.forEach((g, j) => {
      const wg = `${w}/soggettoErogante[${j + 1}]`;
      const idSoggettoServizio = text(g, 'idSoggettoServizio', wg, 5, 5, true);
      if (seen.has(idSoggettoServizio)) throw new CatalogueFormatError(`${wg}/idSoggettoServizio: ${idSoggettoServizio} listed twice`);
      seen.add(idSoggettoServizio);
      const commissione = text(g, 'commissione', wg, 1, 1, false);
      if (commissione !== null && commissione !== 'Y' && commissione !== 'N') throw new CatalogueFormatError(`${wg}/commissione: not Y|N`);
      out.push({
        idSoggettoServizio,
        idServizio,
        descrizioneServizio,
        categoria,
        xsdRiferimento,
        idDominio: text(g, 'idDominio', wg, 1, 35, true),
        denominazioneEnteCreditore: text(g, 'denominazioneEnteCreditore', wg, 1, 70, true),
        dataInizioValidita: date(g, 'dataInizioValidita', wg, true) as string,
        dataFineValidita: date(g, 'dataFineValidita', wg, false),
        commissione,
      });
    });
  });
  return out;
}

/** Whether the entry is valid on `day` (YYYY-MM-DD, Italian calendar day): start ≤ day ≤ end. */
export function activeOn(e: CatalogueEntry, day: string): boolean {
  return e.dataInizioValidita <= day && (e.dataFineValidita === null || day <= e.dataFineValidita);
}

/** The calendar day in Italy (Europe/Rome) of an instant: validity dates are Italian dates. */
export function italianDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}
