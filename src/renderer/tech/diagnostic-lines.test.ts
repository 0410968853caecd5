// The technician's diagnostic transcript reads in the screen's language (issue #11 §11): the labels and the
// fixed phrases the core writes in English are translated; the device's own words are left as they are.
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/locales/en';
import { it as itMessages } from '../i18n/locales/it';
import { diagnosticLine } from './diagnostic-lines';

function tFor(lng: 'it' | 'en'): TFunction {
  const i = i18next.createInstance();
  void i.init({ lng, resources: { it: { translation: itMessages }, en: { translation: en } }, initAsync: false, interpolation: { escapeValue: false } });
  return i.t;
}

describe('diagnosticLine', () => {
  const itT = tFor('it');
  it('translates the labels and the words the drivers always use', () => {
    expect(diagnosticLine(itT, 'state: ready')).toBe('Stato: pronto');
    expect(diagnosticLine(itT, 'last result: none')).toBe('Ultimo esito: nessuno');
    expect(diagnosticLine(itT, 'drawer: open')).toBe('Cassetto: aperto');
    expect(diagnosticLine(itT, 'drawer: not reported')).toBe('Cassetto: stato non comunicato');
    expect(diagnosticLine(itT, 'page: qr')).toBe('Pagina: QR e codice a barre');
    expect(diagnosticLine(itT, 'sent 512 bytes')).toBe('inviati 512 byte');
    expect(diagnosticLine(itT, 'pulse sent on pin 2')).toBe('impulso inviato sul pin 2');
    expect(diagnosticLine(itT, 'no scan within 10 s')).toBe('nessuna scansione entro 10 s');
    expect(diagnosticLine(tFor('en'), 'last error: —')).toBe('Last error: —');
  });

  it("keeps the device's own words and free-form lines as they are", () => {
    expect(diagnosticLine(itT, 'detail: terminal operative; software VIRTUAL-17 1.0')).toBe('Dettaglio: terminal operative; software VIRTUAL-17 1.0');
    expect(diagnosticLine(itT, 'wedge (keyboard): "123"')).toBe('wedge (keyboard): "123"');
  });
});
