import { describe, expect, it } from 'vitest';
import { activeOn, CatalogueFormatError, italianDay, NS_CATALOGO_SERVIZI, parseCatalogue } from './catalogue';

const soggetto = (id: string, extra = '') =>
  `<soggettoErogante><idSoggettoServizio>${id}</idSoggettoServizio><idDominio>80143490581</idDominio><denominazioneEnteCreditore>Regione Lazio</denominazioneEnteCreditore><dataInizioValidita>2020-01-01</dataInizioValidita>${extra}</soggettoErogante>`;
const doc = (inner: string, ns = NS_CATALOGO_SERVIZI) =>
  `<?xml version="1.0"?><cs:listaCatalogoServizi xmlns:cs="${ns}"><catalogoServizi><idServizio>00001</idServizio><descrizioneServizio>Tassa automobilistica</descrizioneServizio><elencoSoggettiEroganti>${inner}</elencoSoggettiEroganti><xsdRiferimento>TassaAutomobilistica_1_1_0</xsdRiferimento></catalogoServizi></cs:listaCatalogoServizi>`;

describe('CatalogoServizi_2_0_0 documents', () => {
  it('one entry per soggettoErogante, optional fields as null', () => {
    const e = parseCatalogue(doc(soggetto('00101') + soggetto('00102', '<dataFineValidita>2025-12-31</dataFineValidita><commissione>N</commissione>')));
    expect(e).toEqual([
      expect.objectContaining({ idSoggettoServizio: '00101', idServizio: '00001', categoria: null, dataFineValidita: null, commissione: null, xsdRiferimento: 'TassaAutomobilistica_1_1_0' }),
      expect.objectContaining({ idSoggettoServizio: '00102', dataFineValidita: '2025-12-31', commissione: 'N' }),
    ]);
  });

  it('refuses what the XSD (or the terminal) cannot use, naming where', () => {
    const bad = (xml: string) => {
      try {
        parseCatalogue(xml);
        return 'accepted';
      } catch (e) {
        expect(e).toBeInstanceOf(CatalogueFormatError);
        return (e as Error).message;
      }
    };
    expect(bad(doc(soggetto('00101'), 'urn:other'))).toMatch(/expected listaCatalogoServizi/);
    expect(bad(doc(soggetto('0010')))).toMatch(/idSoggettoServizio: length 4/);
    expect(bad(doc(soggetto('00101') + soggetto('00101')))).toMatch(/listed twice/);
    expect(bad(doc(soggetto('00101', '<commissione>X</commissione>')))).toMatch(/commissione: not Y\|N/);
    expect(bad(doc(soggetto('00101', '<dataFineValidita>2025-13-01</dataFineValidita>')))).toMatch(/dataFineValidita: not a date/);
    expect(bad(doc(''))).toMatch(/no soggettoErogante/);
    expect(bad('<not xml')).toMatch(/not well-formed/);
  });

  it('validity windows are Italian calendar days, both ends included', () => {
    const [e] = parseCatalogue(doc(soggetto('00101', '<dataFineValidita>2025-12-31</dataFineValidita>')));
    expect(activeOn(e!, '2020-01-01')).toBe(true);
    expect(activeOn(e!, '2025-12-31')).toBe(true);
    expect(activeOn(e!, '2026-01-01')).toBe(false);
    expect(activeOn(e!, '2019-12-31')).toBe(false);
    // 23:30 UTC on 31 December is already 1 January in Rome.
    expect(italianDay(Date.UTC(2025, 11, 31, 23, 30))).toBe('2026-01-01');
  });
});
