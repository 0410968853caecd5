// Every request the client can emit is validated by xmllint against the official nodeForPsp.xsd
// (issue #3 §4), and the HTTP framing follows pagopa-psp.md §3.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeClient } from '../../src/main/core/node/soap-client';
import { NodeRequestError } from '../../src/main/core/node/errors';
import type { ActivateRequest, NodeClient, OutcomeRequest } from '../../src/main/core/node/types';
import { renderKo } from '../../src/main/node-sim/render';
import { nodeFault } from '../../src/main/node-sim/fault-codes';
import { RESPONSE_ELEMENT } from '../../src/main/core/node/soap-client';
import { startCaptureServer, type Captured } from './node-helpers/capture-server';
import { bodyOf, xmllintValidate } from './node-helpers/xmllint';

const identity = { idPSP: 'PSP_Demo-01', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'p<&>"\'wd1' };
const base = { fiscalCode: '01199250158', noticeNumber: '301202600000000167' };
const SPECIAL = `Rata "unica" <TARI> & l'IMU – Città € ✓`;
const okDetails = { paymentMethod: 'cash', paymentChannel: 'frontOffice', feeCents: 200, applicationDate: '2026-11-22', transferDate: '2026-11-23' } as const;

let server: Awaited<ReturnType<typeof startCaptureServer>>;
let v1: NodeClient;
let v2: NodeClient;
beforeAll(async () => {
  server = await startCaptureServer((c: Captured) => {
    const op = String(c.headers.soapaction) as keyof typeof RESPONSE_ELEMENT;
    return { status: 200, body: renderKo(RESPONSE_ELEMENT[op] ?? 'x', nodeFault('PPT_SYSTEM_ERROR')) };
  });
  const url = `${server.url}/nodo-auth/node-for-psp/v1?probe=1`;
  v1 = createNodeClient({ url, identity, subscriptionKey: 'sub-key-123', apiVersion: 'v1' });
  v2 = createNodeClient({ url, identity, subscriptionKey: 'sub-key-123' });
});
afterAll(async () => {
  await v1.close();
  await v2.close();
  await server.close();
});

const activations: ActivateRequest[] = [
  { ...base, amountCents: 12_350, idempotencyKey: 'PSPDemo01_AbCdEf1234' },
  { ...base, amountCents: 0, idempotencyKey: '88_0000000000', expirationTimeMs: 1_800_000, dueDate: '2024-02-29', paymentNote: SPECIAL, paymentMethod: 'PO', touchPoint: 'TS' },
  { ...base, amountCents: 99_999_999_999, idempotencyKey: 'ABCDEFGHIJKLMNOPQR_abcdefghij', expirationTimeMs: 1, paymentMethod: 'PPAL', touchPoint: 'BETTING' },
];
const outcomes: OutcomeRequest[] = [
  { paymentTokens: ['c110729d258c4ab1b765fe902aae41d6'], outcome: 'OK', idempotencyKey: 'PSPDemo01_AbCdEf1234', details: okDetails },
  {
    paymentTokens: ['t1'],
    outcome: 'OK',
    idempotencyKey: 'PSPDemo01_AbCdEf1234',
    details: { paymentMethod: 'creditCard', feeCents: 0, payer: { type: 'F', id: 'JHNDOE00A01F205N', fullName: `D'Amico & <Figli> "Srl"` }, applicationDate: '2026-01-01', transferDate: '2026-01-02' },
  },
  { paymentTokens: ['t1'], outcome: 'KO', idempotencyKey: 'PSPDemo01_AbCdEf1234' },
];

describe('client requests validate against nodeForPsp.xsd (xmllint)', () => {
  it('emits XSD-valid bodies for every operation, V1 and V2, with and without optional fields', async () => {
    for (const c of [v1, v2]) {
      await c.verifyPaymentNotice(base);
      await c.verificaBollettino({ ccPost: '001234567890', noticeNumber: base.noticeNumber });
      for (const a of activations) await c.activatePaymentNotice(a);
      for (const o of outcomes) await c.sendPaymentOutcome(o);
    }
    await v2.sendPaymentOutcome({ paymentTokens: ['a', 'b', 'c', 'd', 'e'], outcome: 'OK', idempotencyKey: 'PSPDemo01_AbCdEf1234', details: okDetails });
    const bodies = server.requests.map((r) => bodyOf(r.body));
    expect(bodies).toHaveLength(2 * (2 + activations.length + outcomes.length) + 1);
    const valid = await xmllintValidate(bodies);
    expect(valid.every(Boolean), bodies.filter((_, i) => !valid[i]).join('\n')).toBe(true);
    const roots = new Set(bodies.map((b) => /^<nod:(\w+)/.exec(b)?.[1]));
    expect([...roots].sort()).toEqual([
      'activatePaymentNoticeReq',
      'activatePaymentNoticeV2Request',
      'sendPaymentOutcomeReq',
      'sendPaymentOutcomeV2Request',
      'verificaBollettinoReq',
      'verifyPaymentNoticeReq',
    ]);
  });

  it('escapes XML-special characters so text round-trips', () => {
    const withNote = server.requests.find((r) => r.body.includes('paymentNote'));
    expect(withNote?.body).toContain('<paymentNote>Rata &quot;unica&quot; &lt;TARI&gt; &amp; l&apos;IMU – Città € ✓</paymentNote>');
    expect(withNote?.body).toContain('<password>p&lt;&amp;&gt;&quot;&apos;wd1</password>');
  });

  it('POSTs to the URL exactly as configured with SOAPAction and the subscription key', () => {
    for (const r of server.requests) {
      expect(r.method).toBe('POST');
      expect(r.url).toBe('/nodo-auth/node-for-psp/v1?probe=1');
      expect(r.headers['ocp-apim-subscription-key']).toBe('sub-key-123');
      expect(r.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(r.body).toContain(`<nod:${r.headers.soapaction}`);
    }
    expect(new Set(server.requests.map((r) => r.headers.soapaction))).toEqual(
      new Set(['verifyPaymentNotice', 'verificaBollettino', 'activatePaymentNotice', 'activatePaymentNoticeV2', 'sendPaymentOutcome', 'sendPaymentOutcomeV2']),
    );
  });

  it('reuses keep-alive connections', () => {
    // Sequential calls: one TCP connection per client (V1 and V2), not one per call.
    const ports = new Set(server.requests.map((r) => r.remotePort));
    expect(server.requests.length).toBeGreaterThan(10);
    expect(ports.size).toBe(2);
  });

  it('rejects values the XSD would reject before sending anything', async () => {
    const before = server.requests.length;
    const bad: Promise<unknown>[] = [
      v2.verifyPaymentNotice({ fiscalCode: '0119925015', noticeNumber: base.noticeNumber }),
      v2.activatePaymentNotice({ ...base, amountCents: 10.5, idempotencyKey: 'PSP_AbCdEf1234' }),
      v2.activatePaymentNotice({ ...base, amountCents: 100, idempotencyKey: 'P_AbCdEf1234' }),
      v2.activatePaymentNotice({ ...base, amountCents: 100, idempotencyKey: 'PSP_AbCdEf1234', expirationTimeMs: 1_800_001 }),
      v2.activatePaymentNotice({ ...base, amountCents: 100, idempotencyKey: 'PSP_AbCdEf1234', dueDate: '2025-02-29' }),
      v2.activatePaymentNotice({ ...base, amountCents: 100, idempotencyKey: 'PSP_AbCdEf1234', paymentNote: 'x'.repeat(211) }),
      v2.activatePaymentNotice({ ...base, amountCents: 100, idempotencyKey: 'PSP_AbCdEf1234', paymentNote: 'bell\u0007' }),
      v1.sendPaymentOutcome({ paymentTokens: ['a', 'b'], outcome: 'KO', idempotencyKey: 'PSP_AbCdEf1234' }),
      v2.sendPaymentOutcome({ paymentTokens: ['a', 'b', 'c', 'd', 'e', 'f'], outcome: 'KO', idempotencyKey: 'PSP_AbCdEf1234' }),
      v2.sendPaymentOutcome({ paymentTokens: ['a'], outcome: 'OK', idempotencyKey: 'PSP_AbCdEf1234' }),
    ];
    for (const p of bad) await expect(p).rejects.toBeInstanceOf(NodeRequestError);
    expect(server.requests.length).toBe(before);
  });
});
