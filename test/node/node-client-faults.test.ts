// The client against the simulator with each injected fault: the typed error and, above all, the
// "definitely not processed" vs "maybe processed" distinction the payment engine relies on.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeCallError } from '../../src/main/core/node/errors';
import { makeIdempotencyKey } from '../../src/main/core/node/idempotency';
import { createNodeClient } from '../../src/main/core/node/soap-client';
import type { ActivateOk, NodeClient } from '../../src/main/core/node/types';
import { DEMO_NOTICES, generatePositions, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';

const identity = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
const details = { paymentMethod: 'cash', feeCents: 100, applicationDate: '2026-11-22', transferDate: '2026-11-22' } as const;
let sim: NodeSimulator;
let client: NodeClient;

beforeAll(async () => {
  sim = await startNodeSimulator();
  client = createNodeClient({ url: sim.soapUrl, identity, timeouts: { verifyMs: 300, activateMs: 300, outcomeMs: 300 } });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});
beforeEach(() => sim.reset());

async function callError(p: Promise<unknown>): Promise<NodeCallError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof NodeCallError) return e;
    throw e;
  }
  throw new Error('expected a NodeCallError');
}

const verify = () => client.verifyPaymentNotice(DEMO_NOTICES.plain);

describe('injected faults', () => {
  it.each([
    ['hang', { kind: 'timeout', maybeProcessed: true }],
    ['reset', { kind: 'connection-reset', maybeProcessed: true }],
    ['http500', { kind: 'http', httpStatus: 500, maybeProcessed: true }],
    ['http503', { kind: 'http', httpStatus: 503, maybeProcessed: true }],
    ['malformed', { kind: 'malformed-response', maybeProcessed: true }],
  ] as const)('%s → %o', async (kind, expected) => {
    sim.setFault({ operation: 'verifyPaymentNotice', kind, count: 1 });
    expect(await callError(verify())).toMatchObject({ ...expected, operation: 'verifyPaymentNotice' });
    expect((await verify()).outcome).toBe('OK'); // count: 1 → the next call is normal
  });

  it('latency beyond the timeout → timeout; within it → a normal answer', async () => {
    sim.setFault({ operation: '*', kind: 'latency', latencyMs: 500, count: 1 });
    expect(await callError(verify())).toMatchObject({ kind: 'timeout', maybeProcessed: true });
    sim.setFault({ operation: '*', kind: 'latency', latencyMs: 20, count: 1 });
    expect((await verify()).outcome).toBe('OK');
  });

  it('fault codes, plain and wrapped EC errors, are returned as KO', async () => {
    sim.setFault({ operation: 'verifyPaymentNotice', kind: 'fault', faultCode: 'PPT_STAZIONE_INT_PA_TIMEOUT', count: 1 });
    expect(await verify()).toMatchObject({ outcome: 'KO', fault: { faultCode: 'PPT_STAZIONE_INT_PA_TIMEOUT', id: 'NodoDeiPagamentiSPC' } });
    sim.setFault({ operation: 'verifyPaymentNotice', kind: 'fault', originalFaultCode: 'PAA_PAGAMENTO_SCADUTO', count: 1 });
    expect(await verify()).toMatchObject({ outcome: 'KO', fault: { faultCode: 'PPT_ERRORE_EMESSO_DA_PAA', originalFaultCode: 'PAA_PAGAMENTO_SCADUTO' } });
  });

  it('faults are per operation ("activatePaymentNotice" also covers V2) and probability 0 never fires', async () => {
    sim.setFault({ operation: 'activatePaymentNotice', kind: 'http503' });
    sim.setFault({ operation: 'verifyPaymentNotice', kind: 'reset', probability: 0 });
    expect((await verify()).outcome).toBe('OK');
    expect(await callError(client.activatePaymentNotice({ ...DEMO_NOTICES.plain, idempotencyKey: makeIdempotencyKey(identity.idPSP) }))).toMatchObject({ kind: 'http', httpStatus: 503 });
    sim.clearFaults();
    expect((await client.activatePaymentNotice({ ...DEMO_NOTICES.plain, idempotencyKey: makeIdempotencyKey(identity.idPSP) })).outcome).toBe('OK');
  });

  it('process-then-reset on activate: maybe processed, and a retry with the same key gets the original token', async () => {
    const k = makeIdempotencyKey(identity.idPSP);
    sim.setFault({ operation: 'activatePaymentNotice', kind: 'process-then-reset', count: 1 });
    expect(await callError(client.activatePaymentNotice({ ...DEMO_NOTICES.second, idempotencyKey: k }))).toMatchObject({ kind: 'connection-reset', maybeProcessed: true });
    const locked = sim.positions().find((p) => p.noticeNumber === DEMO_NOTICES.second.noticeNumber)?.lockedByToken;
    expect(locked).toMatch(/^[0-9a-f]{32}$/);
    const retry = (await client.activatePaymentNotice({ ...DEMO_NOTICES.second, idempotencyKey: k })) as ActivateOk;
    expect(retry.paymentToken).toBe(locked);
  });

  it('process-then-hang on outcome: timeout, the ledger has the payment, the retry with the same key answers OK once', async () => {
    const [p] = generatePositions(1, 5);
    sim.addPositions([p as never]);
    const a = (await client.activatePaymentNotice({ ...(p as never as typeof DEMO_NOTICES.plain), idempotencyKey: makeIdempotencyKey(identity.idPSP) })) as ActivateOk;
    const k = makeIdempotencyKey(identity.idPSP);
    sim.setFault({ operation: 'sendPaymentOutcome', kind: 'process-then-hang', count: 1 });
    expect(await callError(client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: k, details }))).toMatchObject({ kind: 'timeout', maybeProcessed: true });
    expect(sim.ledger()).toHaveLength(1);
    expect(await client.sendPaymentOutcome({ paymentTokens: [a.paymentToken], outcome: 'OK', idempotencyKey: k, details })).toEqual({ outcome: 'OK' });
    expect(sim.ledger()).toHaveLength(1);
  });
});

describe('transport failures before the request reaches the node', () => {
  it('connection refused → definitely not processed', async () => {
    const port = await new Promise<number>((r) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => r(p));
      });
    });
    const c = createNodeClient({ url: `http://127.0.0.1:${port}/x`, identity });
    expect(await callError(c.verifyPaymentNotice(DEMO_NOTICES.plain))).toMatchObject({ kind: 'connection-refused', maybeProcessed: false });
    await c.close();
  });

  it('DNS failure → definitely not processed', async () => {
    const c = createNodeClient({ url: 'http://node.sportello.invalid/x', identity, timeouts: { verifyMs: 5000 } });
    const e = await callError(c.verifyPaymentNotice(DEMO_NOTICES.plain));
    expect(e.kind === 'dns' || (e.kind === 'timeout' && !e.maybeProcessed)).toBe(true);
    expect(e.maybeProcessed).toBe(false);
    await c.close();
  });

  describe('TLS', () => {
    let dir: string;
    let server: https.Server;
    let url: string;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          path.join(dir, 'k.pem'),
          '-out',
          path.join(dir, 'c.pem'),
        ],
        { stdio: 'ignore' },
      );
      server = https.createServer({ key: fs.readFileSync(path.join(dir, 'k.pem')), cert: fs.readFileSync(path.join(dir, 'c.pem')) }, (req, res) => {
        // Forward to the simulator so a trusted TLS call gets a real answer.
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', async () => {
          const r = await fetch(sim.soapUrl, { method: 'POST', body: Buffer.concat(chunks), headers: { soapaction: String(req.headers.soapaction) } });
          res.writeHead(r.status, { 'content-type': 'text/xml' });
          res.end(await r.text());
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}/nodo-auth/node-for-psp/v1`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('untrusted certificate → tls, not processed; with the CA configured → works', async () => {
      const untrusted = createNodeClient({ url, identity });
      expect(await callError(untrusted.verifyPaymentNotice(DEMO_NOTICES.plain))).toMatchObject({ kind: 'tls', maybeProcessed: false });
      const trusted = createNodeClient({ url, identity, tls: { ca: fs.readFileSync(path.join(dir, 'c.pem')) } });
      expect((await trusted.verifyPaymentNotice(DEMO_NOTICES.plain)).outcome).toBe('OK');
      await Promise.all([untrusted.close(), trusted.close()]);
    });
  });
});
