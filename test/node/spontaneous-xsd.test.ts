// Issue #13: every spontaneous-payment request the client emits validates against nodeForPsp.xsd, every
// datiSpecificiServizio decodes to a document valid against its service's XSD, and the in-process
// validators (core: before sending; simulator: on receipt) agree with xmllint.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeRequestError } from '../../src/main/core/node/errors';
import { buildCatalogueBody, buildDemandBody } from '../../src/main/core/node/requests';
import { soapEnvelope } from '../../src/main/core/node/xml';
import { PERMESSO_SOSTA_SCHEMA, TASSA_AUTO_SCHEMA } from '../../src/main/core/node/service-schemas';
import { validateServiceXml } from '../../src/main/core/node/service-xsd';
import { createNodeClient, RESPONSE_ELEMENT } from '../../src/main/core/node/soap-client';
import type { NodeClient } from '../../src/main/core/node/types';
import { SERVICE_FORMS } from '../../src/main/core/spontaneous/forms';
import { permessoSostaForm } from '../../src/main/core/spontaneous/forms/permesso-sosta';
import { tassaAutomobilisticaForm } from '../../src/main/core/spontaneous/forms/tassa-automobilistica';
import { nodeFault } from '../../src/main/node-sim/fault-codes';
import { renderKo } from '../../src/main/node-sim/render';
import { startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { startCaptureServer, type Captured } from './node-helpers/capture-server';
import { bodyOf, NODE_FOR_PSP_XSD, xmllintValidate } from './node-helpers/xmllint';

const root = path.resolve(import.meta.dirname, '..', '..');
const TASSA_XSD = path.join(root, 'vendor', 'pagopa-api', 'catalogo-servizi', 'TassaAutomobilistica_1_1_0.xsd');
const PERMESSO_XSD = path.join(root, 'src', 'main', 'core', 'node', 'xsd', 'PermessoSostaResidenti_1_0_0.xsd');
const CATALOGO_XSD = path.join(root, 'vendor', 'pagopa-api', 'xsd-common', 'CatalogoServizi_2_0_0.xsd');
const XSD_OF: Record<string, string> = { 'TassaAutomobilistica_1_1_0.xsd': TASSA_XSD, 'PermessoSostaResidenti_1_0_0.xsd': PERMESSO_XSD };

const identity = { idPSP: 'PSP_Demo-01', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'p<&>"\'wd1' };

let server: Awaited<ReturnType<typeof startCaptureServer>>;
let client: NodeClient;
beforeAll(async () => {
  server = await startCaptureServer((c: Captured) => {
    const op = String(c.headers.soapaction) as keyof typeof RESPONSE_ELEMENT;
    return { status: 200, body: renderKo(RESPONSE_ELEMENT[op] ?? 'x', nodeFault('PPT_SYSTEM_ERROR')) };
  });
  client = createNodeClient({ url: `${server.url}/nodo-auth/node-for-psp/v1`, identity });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

const plates: [string, string][] = [
  ['1', 'AB123CD'],
  ['1', 'ab 123 cd'],
  ['1', 'RM123456'],
  ['2', 'XA123BC'],
  ['4', 'AB12345'],
  ['4', 'gh 98765'],
];

describe('spontaneous-payment requests (xmllint)', () => {
  it('catalogue and demand bodies validate against nodeForPsp.xsd; each datiSpecificiServizio against its service XSD', async () => {
    const before = server.requests.length;
    await client.chiediCatalogoServizi({});
    await client.chiediCatalogoServizi({ idDominio: '80143490581', categoria: 'TASSA AUTO', commissione: 'Y' });
    const docs: { xml: string; xsd: string }[] = [];
    for (const [vehicleType, plate] of plates) {
      const f = tassaAutomobilisticaForm;
      const values = f.normalize({ vehicleType, plate });
      expect(f.validate(values)).toEqual([]);
      const xml = f.buildXml(values);
      docs.push({ xml, xsd: f.schema.file });
      await client.demandPaymentNotice({ idSoggettoServizio: '00101', serviceXml: xml });
    }
    for (const [permit, year] of [
      ['MI123456', '2026'],
      ['mi-000000', '2099'],
    ] as const) {
      const values = permessoSostaForm.normalize({ permit, year });
      expect(permessoSostaForm.validate(values)).toEqual([]);
      const xml = permessoSostaForm.buildXml(values);
      docs.push({ xml, xsd: permessoSostaForm.schema.file });
      await client.demandPaymentNotice({ idSoggettoServizio: '00201', serviceXml: xml });
    }
    const sent = server.requests.slice(before);
    const bodies = sent.map((r) => bodyOf(r.body));
    expect(bodies).toHaveLength(2 + plates.length + 2);
    const valid = await xmllintValidate(bodies, NODE_FOR_PSP_XSD);
    expect(valid.every(Boolean), bodies.filter((_, i) => !valid[i]).join('\n')).toBe(true);
    expect(new Set(sent.map((r) => r.headers.soapaction))).toEqual(new Set(['nodoChiediCatalogoServiziV2', 'demandPaymentNotice']));
    // What went on the wire decodes to exactly the document built, and that document is valid against its XSD.
    const decoded = bodies.filter((b) => b.includes('datiSpecificiServizio')).map((b) => Buffer.from(/<datiSpecificiServizio>([^<]*)</.exec(b)?.[1] ?? '', 'base64').toString('utf8'));
    expect(decoded).toEqual(docs.map((d) => d.xml));
    for (const xsd of new Set(docs.map((d) => d.xsd))) {
      const mine = docs.filter((d) => d.xsd === xsd).map((d) => d.xml);
      const ok = await xmllintValidate(mine, XSD_OF[xsd]);
      expect(ok.every(Boolean), mine.filter((_, i) => !ok[i]).join('\n')).toBe(true);
    }
  });

  it('refuses values nodeForPsp.xsd would reject before sending anything', async () => {
    const before = server.requests.length;
    await expect(client.demandPaymentNotice({ idSoggettoServizio: '0010', serviceXml: '<a/>' })).rejects.toBeInstanceOf(NodeRequestError);
    await expect(client.demandPaymentNotice({ idSoggettoServizio: '00101', serviceXml: ' ' })).rejects.toBeInstanceOf(NodeRequestError);
    await expect(client.chiediCatalogoServizi({ categoria: 'x'.repeat(36) })).rejects.toBeInstanceOf(NodeRequestError);
    expect(server.requests.length).toBe(before);
  });
});

describe('service XSD models agree with xmllint', () => {
  const ta = (type: string, plate: string, ns = 'http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto') =>
    `<?xml version="1.0" encoding="UTF-8"?><ta:tassaAuto xmlns:ta="${ns}"><ta:veicoloConTarga><ta:tipoVeicoloTarga>${type}</ta:tipoVeicoloTarga><ta:veicoloTarga>${plate}</ta:veicoloTarga></ta:veicoloConTarga></ta:tassaAuto>`;
  const corpus: [string, typeof TASSA_AUTO_SCHEMA, string][] = [
    [ta('1', 'AB123CD'), TASSA_AUTO_SCHEMA, TASSA_XSD],
    [ta('4', 'AB12345X'), TASSA_AUTO_SCHEMA, TASSA_XSD],
    [ta('3', 'AB123CD'), TASSA_AUTO_SCHEMA, TASSA_XSD],
    [ta('1', 'AB12'), TASSA_AUTO_SCHEMA, TASSA_XSD],
    [ta('1', 'AB123CDEF'), TASSA_AUTO_SCHEMA, TASSA_XSD],
    [ta('1', 'AB123CD', 'urn:wrong'), TASSA_AUTO_SCHEMA, TASSA_XSD],
    // The SANP sample without namespaces on the children (pagopa-extra.md §e: it fails)
    [
      '<ta:tassaAuto xmlns:ta="http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto"><veicoloConTarga><tipoVeicoloTarga>1</tipoVeicoloTarga><veicoloTarga>AB123CD</veicoloTarga></veicoloConTarga></ta:tassaAuto>',
      TASSA_AUTO_SCHEMA,
      TASSA_XSD,
    ],
    [
      '<ta:tassaAuto xmlns:ta="http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto"><ta:veicoloConTarga><ta:veicoloTarga>AB123CD</ta:veicoloTarga><ta:tipoVeicoloTarga>1</ta:tipoVeicoloTarga></ta:veicoloConTarga></ta:tassaAuto>',
      TASSA_AUTO_SCHEMA,
      TASSA_XSD,
    ],
    ['<ta:tassaAuto xmlns:ta="http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto"/>', TASSA_AUTO_SCHEMA, TASSA_XSD],
    [
      '<ps:permessoSosta xmlns:ps="urn:sportello:sim:PermessoSostaResidenti"><ps:numeroPermesso>MI123456</ps:numeroPermesso><ps:anno>2026</ps:anno></ps:permessoSosta>',
      PERMESSO_SOSTA_SCHEMA,
      PERMESSO_XSD,
    ],
    [
      '<ps:permessoSosta xmlns:ps="urn:sportello:sim:PermessoSostaResidenti"><ps:numeroPermesso>MI12345</ps:numeroPermesso><ps:anno>2026</ps:anno></ps:permessoSosta>',
      PERMESSO_SOSTA_SCHEMA,
      PERMESSO_XSD,
    ],
    [
      '<ps:permessoSosta xmlns:ps="urn:sportello:sim:PermessoSostaResidenti"><ps:numeroPermesso>mi123456</ps:numeroPermesso><ps:anno>2026</ps:anno></ps:permessoSosta>',
      PERMESSO_SOSTA_SCHEMA,
      PERMESSO_XSD,
    ],
    [
      '<ps:permessoSosta xmlns:ps="urn:sportello:sim:PermessoSostaResidenti"><ps:numeroPermesso>MI123456</ps:numeroPermesso><ps:anno>2019</ps:anno></ps:permessoSosta>',
      PERMESSO_SOSTA_SCHEMA,
      PERMESSO_XSD,
    ],
    [
      '<ps:permessoSosta xmlns:ps="urn:sportello:sim:PermessoSostaResidenti"><ps:numeroPermesso>MI123456</ps:numeroPermesso><ps:anno> 2026 </ps:anno></ps:permessoSosta>',
      PERMESSO_SOSTA_SCHEMA,
      PERMESSO_XSD,
    ],
    ['<ps:permessoSosta xmlns:ps="urn:sportello:sim:PermessoSostaResidenti"><ps:numeroPermesso>MI123456</ps:numeroPermesso></ps:permessoSosta>', PERMESSO_SOSTA_SCHEMA, PERMESSO_XSD],
  ];

  it('accepts and refuses the same documents', async () => {
    for (const xsd of [TASSA_XSD, PERMESSO_XSD]) {
      const mine = corpus.filter((c) => c[2] === xsd);
      const expected = await xmllintValidate(
        mine.map((c) => c[0]),
        xsd,
      );
      const got = mine.map((c) => validateServiceXml(c[0], c[1]).ok);
      expect(got).toEqual(expected);
      expect(expected.some(Boolean) && expected.some((v) => !v)).toBe(true);
    }
  });

  it('every form in this build has its XSD here and builds valid documents from its own examples', () => {
    for (const f of SERVICE_FORMS) expect(XSD_OF[f.schema.file], f.schema.file).toBeDefined();
  });
});

describe('the simulator answers what the XSDs describe', () => {
  let sim: NodeSimulator;
  let simClient: NodeClient;
  beforeAll(async () => {
    sim = await startNodeSimulator({ port: 0 });
    simClient = createNodeClient({ url: sim.soapUrl, identity: { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' } });
  });
  afterAll(async () => {
    await simClient.close();
    await sim.close();
  });

  it('its catalogue document validates against CatalogoServizi_2_0_0.xsd, whole and filtered', async () => {
    const all = await simClient.chiediCatalogoServizi({});
    const lazio = await simClient.chiediCatalogoServizi({ idDominio: '80143490581' });
    if (all.outcome !== 'OK' || lazio.outcome !== 'OK') throw new Error('catalogue KO');
    expect(await xmllintValidate([all.catalogueXml, lazio.catalogueXml], CATALOGO_XSD)).toEqual([true, true]);
    expect(lazio.catalogueXml).toContain('Regione Lazio');
    expect(lazio.catalogueXml).not.toContain('Regione Lombardia');
  });

  it('demandPaymentNotice: checks the service and its XML, then answers a notice payable like any other', async () => {
    const xml = tassaAutomobilisticaForm.buildXml({ vehicleType: '1', plate: 'AB123CD' });
    const ok = await simClient.demandPaymentNotice({ idSoggettoServizio: '00101', serviceXml: xml });
    if (ok.outcome !== 'OK') throw new Error(`demand KO ${ok.fault.faultCode}`);
    expect(ok).toMatchObject({ fiscalCode: '80143490581', amountCents: 24_530, options: 'EQ', companyName: 'Regione Lazio' });
    // Asked again while open: the same notice.
    const again = await simClient.demandPaymentNotice({ idSoggettoServizio: '00101', serviceXml: xml });
    expect(again).toMatchObject({ outcome: 'OK', noticeNumber: ok.noticeNumber });
    const verify = await simClient.verifyPaymentNotice({ fiscalCode: ok.fiscalCode, noticeNumber: ok.noticeNumber });
    expect(verify).toMatchObject({ outcome: 'OK', amountCents: 24_530 });
    const act = await simClient.activatePaymentNotice({ fiscalCode: ok.fiscalCode, noticeNumber: ok.noticeNumber, amountCents: 24_530, idempotencyKey: '88888888888_AbCdEf1234' });
    expect(act).toMatchObject({ outcome: 'OK', totalAmountCents: 24_530 });
    const sample =
      '<ta:tassaAuto xmlns:ta="http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto"><veicoloConTarga><tipoVeicoloTarga>1</tipoVeicoloTarga><veicoloTarga>AB123CD</veicoloTarga></veicoloConTarga></ta:tassaAuto>';
    const ko = async (id: string, doc: string) => {
      const r = await simClient.demandPaymentNotice({ idSoggettoServizio: id, serviceXml: doc });
      return r.outcome === 'KO' ? `${r.fault.faultCode}${r.fault.originalFaultCode ? `-${r.fault.originalFaultCode}` : ''}` : 'OK';
    };
    expect(await ko('00101', sample)).toBe('PPT_SINTASSI_XSD');
    expect(await ko('00201', xml)).toBe('PPT_SINTASSI_XSD'); // a bollo document for the parking-permit service
    expect(await ko('00999', xml)).toBe('PPT_SERVIZIO_SCONOSCIUTO');
    expect(await ko('00103', xml)).toBe('PPT_SERVIZIO_NONATTIVO'); // Piemonte: ended 2025-12-31
    expect(await ko('00104', xml)).toBe('PPT_SERVIZIO_NONATTIVO'); // Toscana: from 2099
    expect(await ko('00101', tassaAutomobilisticaForm.buildXml({ vehicleType: '1', plate: 'GH456JK' }))).toBe('PPT_ERRORE_EMESSO_DA_PAA-PAA_PAGAMENTO_SCONOSCIUTO');
    expect(await ko('00101', tassaAutomobilisticaForm.buildXml({ vehicleType: '1', plate: 'ZZ999ZZ' }))).toBe('PPT_ERRORE_EMESSO_DA_PAA-PAA_PAGAMENTO_DUPLICATO');
    sim.setServiceClosed('00102', true);
    expect(await ko('00102', xml)).toBe('PPT_SERVIZIO_NONATTIVO');
  });

  it('every answer it gives (catalogue, notice, each fault) validates against nodeForPsp.xsd', async () => {
    const id = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
    const post = async (action: string, body: string) => {
      const r = await fetch(sim.soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: action }, body: soapEnvelope(body) });
      return bodyOf(await r.text());
    };
    const demand = (service: string, doc: string) => post('demandPaymentNotice', buildDemandBody(id, { idSoggettoServizio: service, serviceXml: doc }));
    const car = (plate: string) => tassaAutomobilisticaForm.buildXml({ vehicleType: '1', plate });
    const answers = [
      await post('nodoChiediCatalogoServiziV2', buildCatalogueBody(id, {})),
      await post('nodoChiediCatalogoServiziV2', buildCatalogueBody({ ...id, password: 'wrongpass1' }, {})),
      await demand('00101', car('EF456GH')),
      await demand('00101', car('GH456JK')),
      await demand('00101', car('ZZ999ZZ')),
      await demand('00999', car('EF456GH')),
      await demand('00103', car('EF456GH')),
      await demand('00101', '<x/>'),
    ];
    expect(answers.map((a) => /<(?:\w+:)?(\w+Response)/.exec(a)?.[1])).toEqual([
      'nodoChiediCatalogoServiziV2Response',
      'nodoChiediCatalogoServiziV2Response',
      ...Array(6).fill('demandPaymentNoticeResponse'),
    ]);
    expect(answers.filter((a) => a.includes('<outcome>OK</outcome>'))).toHaveLength(2);
    const valid = await xmllintValidate(answers);
    expect(valid.every(Boolean), answers.filter((_, i) => !valid[i]).join('\n')).toBe(true);
  });
});
