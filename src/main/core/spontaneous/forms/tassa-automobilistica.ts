// Bollo auto (issue #13 §2): catalogo-servizi/TassaAutomobilistica_1_1_0.xsd. Every element is qualified
// (elementFormDefault="qualified", pagopa-extra.md §e: the un-namespaced SANP sample fails validation):
//   tassaAuto › veicoloConTarga › tipoVeicoloTarga (1|2|4), veicoloTarga (length 7..8)
import { escapeXml } from '../../node/xml';
import { NS_TASSA_AUTO, TASSA_AUTO_SCHEMA } from '../../node/service-schemas';
import { XML_DECLARATION, type FieldError, type ServiceForm } from './form';
import { VEHICLE_TYPES, normalizePlate, plateError, vehicleTypeError } from './plate';

export const tassaAutomobilisticaForm: ServiceForm = {
  xsdRiferimento: 'TassaAutomobilistica_1_1_0',
  title: { it: 'Bollo auto', en: 'Car tax (bollo auto)' },
  fields: [
    { id: 'vehicleType', kind: 'choice', label: { it: 'Tipo di veicolo', en: 'Vehicle type' }, options: VEHICLE_TYPES, cliFlag: 'vehicle-type', onReceipt: true },
    {
      id: 'plate',
      kind: 'text',
      label: { it: 'Targa', en: 'Number plate' },
      hint: { it: 'Senza spazi, per esempio AB123CD', en: 'No spaces, e.g. AB123CD' },
      maxLength: 10,
      keyboard: 'alphanumeric',
      cliFlag: 'plate',
      onReceipt: true,
    },
  ],
  schema: TASSA_AUTO_SCHEMA,
  normalize: (v) => ({ vehicleType: (v.vehicleType ?? '').trim(), plate: normalizePlate(v.plate ?? '') }),
  validate(v) {
    const errors: FieldError[] = [];
    const type = v.vehicleType ?? '';
    const typeErr = vehicleTypeError(type);
    if (typeErr) errors.push(typeErr);
    const p = typeErr ? null : plateError(v.plate ?? '', type);
    if (p) errors.push(p);
    return errors;
  },
  buildXml: (v) =>
    `${XML_DECLARATION}<ta:tassaAuto xmlns:ta="${NS_TASSA_AUTO}"><ta:veicoloConTarga><ta:tipoVeicoloTarga>${escapeXml(v.vehicleType ?? '')}</ta:tipoVeicoloTarga>` +
    `<ta:veicoloTarga>${escapeXml(v.plate ?? '')}</ta:veicoloTarga></ta:veicoloConTarga></ta:tassaAuto>`,
  summary: (v) => `${v.plate ?? ''}`,
};
