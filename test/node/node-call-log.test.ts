// The technician's log says what failed (issue #11 §8): a failed node call names the operation, the
// host, the failure class (and HTTP status) and the cause, in the line itself, not only "node call failed".
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../src/main/core/log/logger';
import { NodeCallError } from '../../src/main/core/node/errors';
import { createNodeClient } from '../../src/main/core/node/soap-client';
import { DEMO_NOTICES, startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';

const identity = { idPSP: '88888888888', idBrokerPSP: '88888888888', idChannel: '88888888888_01', password: 'pwdpwdpwd' };
let sim: NodeSimulator;

beforeAll(async () => {
  sim = await startNodeSimulator();
});
afterAll(async () => {
  await sim.close();
});

async function failedLine(url: string, before?: () => void): Promise<{ line: LogRecord; err: NodeCallError }> {
  const records: LogRecord[] = [];
  const logger = createLogger('test', { sinks: [(r) => records.push(r)], level: 'debug' });
  const client = createNodeClient({ url, identity, timeouts: { verifyMs: 500 }, logger });
  before?.();
  const err = await client.verifyPaymentNotice(DEMO_NOTICES.plain).then(
    () => null,
    (e: unknown) => e,
  );
  await client.close();
  if (!(err instanceof NodeCallError)) throw new Error(`expected a NodeCallError, got ${String(err)}`);
  const line = records.find((r) => r.level === 'warn');
  if (!line) throw new Error('no warning logged');
  return { line, err };
}

describe('node call failures in the log', () => {
  it('a refused connection: operation, host, class and the OS code', async () => {
    const free = net.createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', () => r()));
    const port = (free.address() as net.AddressInfo).port;
    await new Promise<void>((r) => free.close(() => r()));
    const { line } = await failedLine(`http://127.0.0.1:${port}/nodo`);
    expect(line.msg).toBe(`node call verifyPaymentNotice to 127.0.0.1:${port} failed: connection-refused — connection to 127.0.0.1:${port} refused (ECONNREFUSED)`);
  });

  it('an HTTP error of the node: the status is in the line', async () => {
    const { line } = await failedLine(sim.soapUrl, () => sim.setFault({ operation: '*', kind: 'http503' }));
    sim.reset();
    expect(line.msg).toMatch(new RegExp(`^node call verifyPaymentNotice to ${new URL(sim.soapUrl).host} failed: http HTTP 503 — `));
  });
});
