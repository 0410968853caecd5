// A second catalogue service (issue #13 §4): the residents' parking permit of the simulator's
// municipalities, with its own small XSD (src/main/core/node/xsd/PermessoSostaResidenti_1_0_0.xsd). It exists to show that a
// service is one form definition: nothing else in the core, the screens or the CLI knows about it.
import { escapeXml } from '../../node/xml';
import { NS_PERMESSO_SOSTA, PERMESSO_SOSTA_SCHEMA } from '../../node/service-schemas';
import { XML_DECLARATION, type FieldError, type ServiceForm } from './form';

export const permessoSostaForm: ServiceForm = {
  xsdRiferimento: 'PermessoSostaResidenti_1_0_0',
  title: { it: 'Permesso sosta residenti', en: 'Residents’ parking permit' },
  fields: [
    {
      id: 'permit',
      kind: 'text',
      label: { it: 'Numero del permesso', en: 'Permit number' },
      hint: { it: 'Due lettere e sei cifre, per esempio MI123456', en: 'Two letters and six digits, e.g. MI123456' },
      maxLength: 10,
      keyboard: 'alphanumeric',
      cliFlag: 'permit',
      onReceipt: true,
    },
    { id: 'year', kind: 'text', label: { it: 'Anno', en: 'Year' }, maxLength: 4, keyboard: 'digits', cliFlag: 'year', onReceipt: true },
  ],
  schema: PERMESSO_SOSTA_SCHEMA,
  normalize: (v) => ({ permit: (v.permit ?? '').toUpperCase().replace(/[\s-]/g, ''), year: (v.year ?? '').trim() }),
  validate(v) {
    const errors: FieldError[] = [];
    if (!/^[A-Z]{2}[0-9]{6}$/.test(v.permit ?? ''))
      errors.push({
        field: 'permit',
        code: 'permit-format',
        message: { it: 'Numero del permesso non valido: due lettere e sei cifre (MI123456).', en: 'Invalid permit number: two letters and six digits (MI123456).' },
      });
    const y = Number(v.year);
    if (!/^[0-9]{4}$/.test(v.year ?? '') || y < 2020 || y > 2099)
      errors.push({ field: 'year', code: 'year-range', message: { it: 'Anno non valido: quattro cifre, dal 2020.', en: 'Invalid year: four digits, from 2020.' } });
    return errors;
  },
  buildXml: (v) =>
    `${XML_DECLARATION}<ps:permessoSosta xmlns:ps="${NS_PERMESSO_SOSTA}"><ps:numeroPermesso>${escapeXml(v.permit ?? '')}</ps:numeroPermesso><ps:anno>${escapeXml(v.year ?? '')}</ps:anno></ps:permessoSosta>`,
  summary: (v) => `${v.permit ?? ''}/${v.year ?? ''}`,
};
