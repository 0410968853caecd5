// Issue 15, product side: what the real node answers (as the simulator now does) reaches the clerk as the
// right category and a message to act on, in Italian and English, on screen (renderer refusalMessage) and in
// the CLI wording (nodeFaultMessage). Each fault is produced through the simulator's registry.
import { execFile } from 'node:child_process';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faultCategory, faultMessage, nodeFaultMessage } from '../../src/common/node-faults';
import { makeIdempotencyKey } from '../../src/main/core/node/idempotency';
import { createNodeClient } from '../../src/main/core/node/soap-client';
import type { KO, NodeClient, NodeFault } from '../../src/main/core/node/types';
import { DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { refusalMessage } from '../../src/renderer/components/messages';
import { en } from '../../src/renderer/i18n/locales/en';
import { it as itMessages } from '../../src/renderer/i18n/locales/it';

const identity = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
const milano = DEMO_NOTICES.plain;

function tFor(lng: 'it' | 'en'): TFunction {
  const i = i18next.createInstance();
  void i.init({ lng, resources: { it: { translation: itMessages }, en: { translation: en } }, initAsync: false, interpolation: { escapeValue: false } });
  return i.t;
}

let sim: NodeSimulator;
let client: NodeClient;
beforeAll(async () => {
  sim = await startNodeSimulator();
  client = createNodeClient({ url: sim.soapUrl, identity });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});
beforeEach(() => sim.reset());

async function verifyFault(n: { fiscalCode: string; noticeNumber: string }): Promise<NodeFault> {
  const r = await client.verifyPaymentNotice(n);
  expect(r.outcome).toBe('KO');
  return (r as KO).fault;
}

/** The counter screen's wording of an engine refusal carrying this fault (category wrong-notice-data etc.). */
const screen = (f: NodeFault, lang: 'it' | 'en') =>
  refusalMessage(tFor(lang), { category: 'unknown-notice', reason: faultCategory(f) as never, message: f.faultString, faultCode: f.faultCode }, 'clerk', lang).detail;

describe('registry faults: category and message', () => {
  it('unknown creditor at manual entry: "check the creditor fiscal code", not "notice unknown"', async () => {
    const f = await verifyFault({ fiscalCode: '10000000000', noticeNumber: milano.noticeNumber });
    expect(f.faultCode).toBe('PPT_DOMINIO_SCONOSCIUTO');
    expect(faultCategory(f)).toBe('wrong-notice-data');
    expect(nodeFaultMessage(f, 'en', 'clerk')).toContain("creditor's fiscal code");
    expect(nodeFaultMessage(f, 'it', 'clerk')).toContain("codice fiscale dell'ente creditore");
    for (const lang of ['it', 'en'] as const) {
      expect(nodeFaultMessage(f, lang, 'clerk')).not.toBe(faultMessage('unknown-notice', lang, 'clerk'));
      expect(screen(f, lang)).toBe(nodeFaultMessage(f, lang, 'clerk'));
    }
    expect(nodeFaultMessage(f, 'en', 'citizen')).toContain("creditor's fiscal code");
  });

  it('no station for the aux digit: the notice number is wrong', async () => {
    const f = await verifyFault({ fiscalCode: milano.fiscalCode, noticeNumber: `5${milano.noticeNumber.slice(1)}` });
    expect(f.faultCode).toBe('PPT_STAZIONE_INT_PA_SCONOSCIUTA');
    expect(faultCategory(f)).toBe('wrong-notice-data');
    expect(nodeFaultMessage(f, 'en', 'clerk')).toMatch(/^Wrong notice number/);
    expect(nodeFaultMessage(f, 'it', 'clerk')).toMatch(/^Codice avviso errato/);
    expect(screen(f, 'it')).toBe(nodeFaultMessage(f, 'it', 'clerk'));
    expect(screen(f, 'en')).toBe(nodeFaultMessage(f, 'en', 'clerk'));
  });

  it('disabled creditor and station: not payable now / creditor unreachable, with their own wording', async () => {
    sim.updateRegistry({ creditors: [{ fiscalCode: milano.fiscalCode, enabled: false }] });
    const dom = await verifyFault(milano);
    expect(dom.faultCode).toBe('PPT_DOMINIO_DISABILITATO');
    expect(faultCategory(dom)).toBe('node-error');
    expect(nodeFaultMessage(dom, 'en', 'clerk')).toContain('not enabled on pagoPA');
    expect(nodeFaultMessage(dom, 'it', 'clerk')).toContain('non è abilitato su pagoPA');
    sim.updateRegistry({ creditors: [{ fiscalCode: milano.fiscalCode, enabled: true }] });
    const station = sim.registry().stations.find((s) => s.creditors.includes(milano.fiscalCode))!;
    sim.updateRegistry({ stations: [{ ...station, enabled: false }] });
    const st = await verifyFault(milano);
    expect(st.faultCode).toBe('PPT_STAZIONE_INT_PA_DISABILITATA');
    expect(faultCategory(st)).toBe('creditor-unreachable');
    expect(nodeFaultMessage(st, 'it', 'clerk')).toContain('disabilitato');
  });

  it('disabled PSP, broker or channel, wrong password: the terminal settings (call the technician)', async () => {
    const cases: [Parameters<NodeSimulator['updateRegistry']>[0], string][] = [
      [{ psps: [{ idPSP: '88888888888', fiscalCode: '88888888888', enabled: false }] }, 'PPT_PSP_DISABILITATO'],
      [{ brokers: [{ idBrokerPSP: '88888888888', enabled: false }] }, 'PPT_INTERMEDIARIO_PSP_DISABILITATO'],
      [{ channels: [{ idChannel: '88888888888_01', idBrokerPSP: '88888888888', password: 'pwdpwdpwd', enabled: false }] }, 'PPT_CANALE_DISABILITATO'],
      [{ channels: [{ idChannel: '88888888888_01', idBrokerPSP: '88888888888', password: 'otherpwd1', enabled: true }] }, 'PPT_AUTENTICAZIONE'],
    ];
    for (const [patch, code] of cases) {
      sim.reset();
      sim.updateRegistry(patch);
      const f = await verifyFault(milano);
      expect(f.faultCode).toBe(code);
      expect(faultCategory(f)).toBe('terminal-config');
      expect(nodeFaultMessage(f, 'en', 'clerk')).toBe(faultMessage('terminal-config', 'en', 'clerk'));
      expect(nodeFaultMessage(f, 'it', 'clerk')).toBe(faultMessage('terminal-config', 'it', 'clerk'));
    }
  });

  it('syntax KOs, idempotency misuse and an expired-but-not-cancelled lock map to their categories', async () => {
    // a key with another PSP's prefix (the client only checks the XSD pattern): KO, not a transport error
    const r = await client.activatePaymentNotice({ fiscalCode: milano.fiscalCode, noticeNumber: milano.noticeNumber, amountCents: 100, idempotencyKey: '70000000001_1244565744' });
    expect((r as KO).fault.faultCode).toBe('PPT_SINTASSI_EXTRAXSD');
    expect(faultCategory((r as KO).fault)).toBe('wrong-notice-data');
    const wrong = createNodeClient({ url: sim.soapUrl, identity: { ...identity, password: 'wrongPassword' } });
    const k = makeIdempotencyKey(identity.idPSP);
    await wrong.activatePaymentNotice({ fiscalCode: milano.fiscalCode, noticeNumber: milano.noticeNumber, amountCents: 100, idempotencyKey: k });
    await wrong.close();
    const idem = (await client.activatePaymentNotice({ fiscalCode: milano.fiscalCode, noticeNumber: milano.noticeNumber, amountCents: 100, idempotencyKey: k })) as KO;
    expect(idem.fault.faultCode).toBe('PPT_ERRORE_IDEMPOTENZA');
    expect(faultCategory(idem.fault)).toBe('unexpected');
    expect(faultCategory({ faultCode: 'PPT_SINTASSI_XSD' })).toBe('wrong-notice-data');
    expect(faultCategory({ faultCode: 'PPT_PAGAMENTO_IN_CORSO' })).toBe('in-progress');
    expect(nodeFaultMessage({ faultCode: 'PPT_PAGAMENTO_IN_CORSO' }, 'en', 'clerk')).toBe(faultMessage('in-progress', 'en', 'clerk'));
  });
});

describe('CLI (sportello node verify, embedded simulator)', () => {
  const BIN = path.resolve(__dirname, '../../bin/sportello');
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [BIN, ...args], { env: { ...process.env, SPORTELLO_CONFIG: '' } }, (err, stdout) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout }));
    });

  it('prints the fault-specific message in English and Italian', async () => {
    const en = await run(['node', 'verify', '--notice', milano.noticeNumber, '--ec', '10000000000', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(JSON.parse(en.stdout)).toEqual({
      outcome: 'KO',
      faultCode: 'PPT_DOMINIO_SCONOSCIUTO',
      category: 'wrong-notice-data',
      message: nodeFaultMessage({ faultCode: 'PPT_DOMINIO_SCONOSCIUTO' }, 'en', 'clerk'),
      // Which upstream answered (issue #14 §5).
      upstream: 'node',
      endpoint: 'embedded simulator',
    });
    const it = await run(['node', 'verify', '--notice', `5${milano.noticeNumber.slice(1)}`, '--ec', milano.fiscalCode, '--lang', 'it']);
    expect(JSON.parse(it.stdout)).toMatchObject({ faultCode: 'PPT_STAZIONE_INT_PA_SCONOSCIUTA', message: nodeFaultMessage({ faultCode: 'PPT_STAZIONE_INT_PA_SCONOSCIUTA' }, 'it', 'clerk') });
  });

  it('speaks English without --lang, like every CLI message, though the UI language is Italian (issue #11 §11)', async () => {
    const r = await run(['node', 'verify', '--notice', milano.noticeNumber, '--ec', '10000000000']);
    expect(JSON.parse(r.stdout)).toMatchObject({ faultCode: 'PPT_DOMINIO_SCONOSCIUTO', message: nodeFaultMessage({ faultCode: 'PPT_DOMINIO_SCONOSCIUTO' }, 'en', 'clerk') });
    expect(nodeFaultMessage({ faultCode: 'PPT_DOMINIO_SCONOSCIUTO' }, 'en', 'clerk')).not.toBe(nodeFaultMessage({ faultCode: 'PPT_DOMINIO_SCONOSCIUTO' }, 'it', 'clerk'));
  });
});
