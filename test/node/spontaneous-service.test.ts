// The core's spontaneous-payment rules (issue #13) with an injected clock and a real database file: the
// catalogue stored and used while the node is unreachable, refreshed when stale, field mistakes reported
// before any node call, validity dates, and each transport failure as its own refusal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { parseConfig } from '../../src/main/core/config/load';
import { silentLogger } from '../../src/main/core/log/logger';
import { NodeCallError } from '../../src/main/core/node/errors';
import { createNodeClient } from '../../src/main/core/node/soap-client';
import type { NodeClient } from '../../src/main/core/node/types';
import { CatalogueStore } from '../../src/main/core/spontaneous/catalogue-store';
import { SpontaneousService, type SpontaneousNode } from '../../src/main/core/spontaneous/spontaneous-service';
import { openDatabase, type Db } from '../../src/main/core/store/database';
import { DEFAULT_SIM_IDENTITY, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';

let sim: NodeSimulator;
let client: NodeClient;
let dir: string;
let db: Db;
let clock: ManualClock;
let down: NodeCallError | null;
let calls: string[];
let svc: SpontaneousService;

const node: SpontaneousNode = {
  chiediCatalogoServizi: async (r) => {
    calls.push('catalogue');
    if (down) throw down;
    return client.chiediCatalogoServizi(r);
  },
  demandPaymentNotice: async (r) => {
    calls.push('demand');
    if (down) throw down;
    return client.demandPaymentNotice(r);
  },
};
const unreachable = () => new NodeCallError({ kind: 'connection-refused', operation: 'x', message: 'refused', maybeProcessed: false });

beforeAll(async () => {
  sim = await startNodeSimulator({ port: 0 });
  client = createNodeClient({ url: sim.soapUrl, identity: DEFAULT_SIM_IDENTITY });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-spont-'));
});
afterAll(async () => {
  db?.close();
  await client.close();
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  db?.close();
  db = openDatabase(path.join(dir, `s-${Math.random().toString(36).slice(2)}.db`));
  clock = new ManualClock(Date.UTC(2026, 10, 27, 9, 0, 0));
  down = null;
  calls = [];
  svc = new SpontaneousService({ node, store: new CatalogueStore(db), config: () => parseConfig({}), clock, logger: silentLogger });
});

const car = (plate: string) => ({ vehicleType: '1', plate });

describe('spontaneous service (core)', () => {
  it('no catalogue and no node: refused as unreachable, never a guess', async () => {
    down = unreachable();
    expect(await svc.demand('00101', car('AB123CD'))).toMatchObject({ kind: 'refused', code: 'node-unreachable' });
    expect(svc.catalogue()).toMatchObject({ fetchedAt: null, stale: true, entries: [] });
  });

  it('works from the stored copy while the node is unreachable, and says the refresh failed', async () => {
    expect(await svc.refreshCatalogue()).toMatchObject({ ok: true, entries: 5 });
    down = unreachable();
    expect(await svc.refreshCatalogue()).toMatchObject({ ok: false, unreachable: true });
    const c = svc.catalogue();
    expect(c.entries).toHaveLength(5);
    expect(c.lastError).toBe('connection-refused');
    expect(svc.services().map((e) => e.idSoggettoServizio)).toEqual(['00101', '00102', '00201']);
    expect(svc.defaultService('TassaAutomobilistica_1_1_0')).toBe('00101');
    // A wrong plate is named from the stored catalogue, with no node call.
    calls = [];
    expect(await svc.demand('00101', car('AB12345'))).toMatchObject({ kind: 'invalid', errors: [{ code: 'plate-is-moto' }] });
    expect(calls).toEqual([]);
  });

  it('a stale catalogue is refreshed before the demand; refused as stale when that fails', async () => {
    await svc.refreshCatalogue();
    clock.advance(73 * 3_600_000);
    calls = [];
    expect(await svc.demand('00101', car('EF456GH'))).toMatchObject({ kind: 'notice', notice: { amountCents: 18_900 } });
    expect(calls).toEqual(['catalogue', 'demand']);
    clock.advance(73 * 3_600_000);
    sim.setFault({ operation: 'nodoChiediCatalogoServiziV2', kind: 'fault', faultCode: 'PPT_SYSTEM_ERROR', count: 1 });
    expect(await svc.demand('00101', car('EF456GH'))).toMatchObject({ kind: 'refused', code: 'catalogue-stale' });
  });

  it('validity dates are checked on the terminal clock before asking', async () => {
    await svc.refreshCatalogue();
    calls = [];
    expect(await svc.demand('00103', car('AB123CD'))).toMatchObject({ kind: 'refused', code: 'service-not-active' }); // Piemonte ended 2025-12-31
    expect(await svc.demand('00104', car('AB123CD'))).toMatchObject({ kind: 'refused', code: 'service-not-active' }); // Toscana from 2099
    expect(calls).toEqual([]);
    clock.set(Date.UTC(2025, 5, 1, 9, 0, 0));
    // Active on the terminal's date: asked, and the node (on its own clock) says it is closed.
    expect(await svc.demand('00103', car('AB123CD'))).toMatchObject({ kind: 'refused', code: 'service-closed', faultCode: 'PPT_SERVIZIO_NONATTIVO' });
  });

  it('timeouts and other transport failures each have their refusal; the service XML sent is the form’s', async () => {
    await svc.refreshCatalogue();
    down = new NodeCallError({ kind: 'timeout', operation: 'demandPaymentNotice', message: 't', maybeProcessed: true });
    const t = await svc.demand('00101', car('AB123CD'));
    expect(t).toMatchObject({ kind: 'refused', code: 'node-timeout' });
    expect(t.kind === 'refused' && t.message.en).toContain('12 seconds');
    down = new NodeCallError({ kind: 'malformed-response', operation: 'demandPaymentNotice', message: 'm', maybeProcessed: true });
    expect(await svc.demand('00101', car('AB123CD'))).toMatchObject({ kind: 'refused', code: 'node-error' });
    down = null;
    const ok = await svc.demand('00101', car('ab-123-cd'));
    if (ok.kind !== 'notice') throw new Error(ok.kind);
    expect(ok.serviceXml).toContain('<ta:veicoloTarga>AB123CD</ta:veicoloTarga>');
    expect(svc.recordFor('P1', ok)).toMatchObject({
      summary: 'AB123CD',
      serviceName: 'Tassa automobilistica - Regione Lazio',
      details: [{ label: 'Tipo di veicolo' }, { label: 'Targa', value: 'AB123CD' }],
    });
  });

  it('a disabled terminal offers nothing', async () => {
    const off = new SpontaneousService({ node, store: new CatalogueStore(db), config: () => parseConfig({ spontaneous: { enabled: false } }), clock, logger: silentLogger });
    expect(await off.demand('00101', car('AB123CD'))).toMatchObject({ kind: 'refused', code: 'disabled' });
  });
});
