// The XSDs of the catalogue services Sportello knows (issue #13), transcribed for service-xsd.ts. Shared by the
// core (each service's form checks its document before sending) and the simulator (which checks what it
// receives, as the creditor would). test/node/spontaneous-xsd.test.ts holds each model to its XSD with xmllint.
import type { ServiceSchema } from './service-xsd';

// catalogo-servizi/TassaAutomobilistica_1_1_0.xsd (official, vendor/pagopa-api). Every element is qualified
// (elementFormDefault="qualified", pagopa-extra.md §e: the un-namespaced SANP sample fails validation):
//   tassaAuto › veicoloConTarga › tipoVeicoloTarga (1|2|4), veicoloTarga (length 7..8)
export const NS_TASSA_AUTO = 'http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto';

export const TASSA_AUTO_SCHEMA: ServiceSchema = {
  file: 'TassaAutomobilistica_1_1_0.xsd',
  targetNamespace: NS_TASSA_AUTO,
  qualified: true,
  root: {
    name: 'tassaAuto',
    type: {
      kind: 'choice',
      name: 'ctTassaAuto',
      items: [
        {
          name: 'veicoloConTarga',
          type: {
            kind: 'sequence',
            name: 'ctVeicoloConTarga',
            items: [
              { name: 'tipoVeicoloTarga', type: { kind: 'string', name: 'stTipoVeicoloTarga', enumeration: ['1', '2', '4'] } },
              { name: 'veicoloTarga', type: { kind: 'string', name: 'stTarga', minLength: 7, maxLength: 8 } },
            ],
          },
        },
      ],
    },
  },
};

// xsd/PermessoSostaResidenti_1_0_0.xsd: the simulator's second, simple service (not an official schema).
export const NS_PERMESSO_SOSTA = 'urn:sportello:sim:PermessoSostaResidenti';

export const PERMESSO_SOSTA_SCHEMA: ServiceSchema = {
  file: 'PermessoSostaResidenti_1_0_0.xsd',
  targetNamespace: NS_PERMESSO_SOSTA,
  qualified: true,
  root: {
    name: 'permessoSosta',
    type: {
      kind: 'sequence',
      name: 'ctPermessoSosta',
      items: [
        { name: 'numeroPermesso', type: { kind: 'string', name: 'stNumeroPermesso', length: 8, pattern: '[A-Z]{2}[0-9]{6}' } },
        { name: 'anno', type: { kind: 'integer', name: 'stAnno', minInclusive: 2020, maxInclusive: 2099 } },
      ],
    },
  },
};
