// Client + simulator on loopback: requests/s and p50/p99 latency per operation, plus the client's own
// CPU cost per call (request build + response parse, no I/O).
//   node scripts/run-ts.mjs bench/node-client.bench.ts [payments=2000] [concurrency=4]
import { performance } from 'node:perf_hooks';
import { makeIdempotencyKey } from '../src/main/core/node/idempotency';
import { buildActivateBody, buildOutcomeBody, buildVerifyBody } from '../src/main/core/node/requests';
import { parseActivate, parseEnvelope, parseOutcome, parseVerify } from '../src/main/core/node/responses';
import { createNodeClient } from '../src/main/core/node/soap-client';
import type { ActivateOk } from '../src/main/core/node/types';
import { soapEnvelope } from '../src/main/core/node/xml';
import { generatePositions, startNodeSimulator } from '../src/main/node-sim/simulator';

const payments = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 4);
const identity = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
const details = { paymentMethod: 'cash', paymentChannel: 'frontOffice', feeCents: 200, applicationDate: '2026-11-22', transferDate: '2026-11-22' } as const;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function main(): Promise<void> {
  const sim = await startNodeSimulator({ seed: [] });
  const positions = generatePositions(payments, 2026);
  sim.addPositions(positions);
  const client = createNodeClient({ url: sim.soapUrl, identity });
  const lat: Record<string, number[]> = { verifyPaymentNotice: [], activatePaymentNoticeV2: [], sendPaymentOutcomeV2: [] };
  const timed = async <T>(op: string, f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await f();
    (lat[op] as number[]).push(performance.now() - t);
    return r;
  };
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < positions.length) {
      const p = positions[next++]!;
      await timed('verifyPaymentNotice', () => client.verifyPaymentNotice(p));
      const a = await timed('activatePaymentNoticeV2', () => client.activatePaymentNotice({ ...p, idempotencyKey: makeIdempotencyKey(identity.idPSP), paymentMethod: 'PO', touchPoint: 'TS' }));
      if (a.outcome !== 'OK') {
        failures++;
        continue;
      }
      const o = await timed('sendPaymentOutcomeV2', () =>
        client.sendPaymentOutcome({ paymentTokens: [(a as ActivateOk).paymentToken], outcome: 'OK', idempotencyKey: makeIdempotencyKey(identity.idPSP), details }),
      );
      if (o.outcome !== 'OK') failures++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = (performance.now() - t0) / 1000;
  const ledger = sim.ledger().length;
  await client.close();
  await sim.close();

  process.stdout.write(`\nnode client ⇄ simulator, loopback, ${payments} payments (verify+activateV2+outcomeV2), concurrency ${concurrency}\n`);
  process.stdout.write(`wall ${wall.toFixed(2)} s · ${(payments / wall).toFixed(0)} payments/s · ${((payments * 3) / wall).toFixed(0)} calls/s · ledger ${ledger} · failures ${failures}\n\n`);
  process.stdout.write(`${'operation'.padEnd(26)}${'calls'.padStart(8)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'max ms'.padStart(10)}\n`);
  for (const [op, xs] of Object.entries(lat)) {
    process.stdout.write(
      `${op.padEnd(26)}${String(xs.length).padStart(8)}${pct(xs, 50).toFixed(2).padStart(10)}${pct(xs, 99).toFixed(2).padStart(10)}${Math.max(...xs)
        .toFixed(2)
        .padStart(10)}\n`,
    );
  }

  // Client CPU per call: build the envelope + parse a representative answer, no network.
  const p = positions[0]!;
  const verifyRes = soapEnvelope(
    `<nfp:verifyPaymentNoticeRes xmlns:nfp="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd"><outcome>OK</outcome><paymentList><paymentOptionDescription><amount>123.50</amount><options>EQ</options><dueDate>2026-12-31</dueDate></paymentOptionDescription></paymentList><paymentDescription>TARI</paymentDescription><fiscalCodePA>01199250158</fiscalCodePA><companyName>Comune di Milano</companyName><standin>false</standin></nfp:verifyPaymentNoticeRes>`,
  );
  const transfer = (i: number) =>
    `<transfer><idTransfer>${i}</idTransfer><transferAmount>10.00</transferAmount><fiscalCodePA>01199250158</fiscalCodePA><companyName>Comune</companyName><IBAN>IT60X0542811101000000123456</IBAN><remittanceInformation>quota ${i}</remittanceInformation></transfer>`;
  const activateRes = soapEnvelope(
    `<nfp:activatePaymentNoticeV2Response xmlns:nfp="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd"><outcome>OK</outcome><totalAmount>30.00</totalAmount><paymentDescription>TARI</paymentDescription><fiscalCodePA>01199250158</fiscalCodePA><companyName>Comune di Milano</companyName><paymentToken>c110729d258c4ab1b765fe902aae41d6</paymentToken><transferList>${transfer(1)}${transfer(2)}${transfer(3)}</transferList><creditorReferenceId>01202600000000167</creditorReferenceId><standin>false</standin></nfp:activatePaymentNoticeV2Response>`,
  );
  const outcomeRes = soapEnvelope(`<nfp:sendPaymentOutcomeV2Response xmlns:nfp="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd"><outcome>OK</outcome></nfp:sendPaymentOutcomeV2Response>`);
  const body = (xml: string) => {
    const e = parseEnvelope(xml);
    if (e.kind !== 'body') throw new Error('fault');
    return e.content;
  };
  const cases: [string, () => unknown][] = [
    ['verifyPaymentNotice', () => [soapEnvelope(buildVerifyBody(identity, p)), parseVerify(body(verifyRes), 'r', 'paymentList')]],
    [
      'activatePaymentNoticeV2 (3 transfers)',
      () => [soapEnvelope(buildActivateBody(identity, { ...p, idempotencyKey: '88888888888_AbCdEf1234', paymentMethod: 'PO', touchPoint: 'TS' }, 'v2')), parseActivate(body(activateRes), 'r', 'v2')],
    ],
    [
      'sendPaymentOutcomeV2',
      () => [
        soapEnvelope(buildOutcomeBody(identity, { paymentTokens: ['c110729d258c4ab1b765fe902aae41d6'], outcome: 'OK', idempotencyKey: '88888888888_AbCdEf1234', details }, 'v2')),
        parseOutcome(body(outcomeRes), 'r'),
      ],
    ],
  ];
  process.stdout.write(`\n${'client CPU per call (build + parse)'.padEnd(40)}${'µs'.padStart(8)}\n`);
  for (const [name, f] of cases) {
    for (let i = 0; i < 2000; i++) f();
    const n = 20_000;
    const t = performance.now();
    for (let i = 0; i < n; i++) f();
    process.stdout.write(`${name.padEnd(40)}${(((performance.now() - t) * 1000) / n).toFixed(1).padStart(8)}\n`);
  }
}

void main();
