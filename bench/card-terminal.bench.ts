// Protocollo 17 over loopback TCP: payments/s through the production driver and the virtual
// terminal (no progress delay), and frame decoding throughput. Prints figures; asserts nothing.
import { FrameDecoder, encodeApp } from '../drivers/card-terminal/protocol17/frame-codec';
import { buildPayment } from '../drivers/card-terminal/protocol17/messages';
import { Protocol17Terminal } from '../drivers/card-terminal/protocol17/protocol17-terminal';
import { TcpTransport } from '../drivers/card-terminal/protocol17/transport';
import { VirtualTerminal } from '../drivers/card-terminal/virtual-terminal';

async function main(): Promise<void> {
  const frame = encodeApp(buildPayment({ terminalId: '00000000', cashRegisterId: '00000001' }, 1234, 'BENCH-1'));
  const stream = Buffer.concat(Array.from({ length: 20_000 }, () => frame));
  const d = new FrameDecoder();
  let t = process.hrtime.bigint();
  let frames = 0;
  for (let i = 0; i < stream.length; i += 1460) frames += d.push(stream.subarray(i, i + 1460)).length;
  const decodeMs = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(`decode: ${frames} P frames (${(stream.length / 1e6).toFixed(1)} MB) in ${decodeMs.toFixed(0)} ms = ${Math.round(frames / (decodeMs / 1000))} frames/s\n`);

  const vt = new VirtualTerminal();
  vt.setScenario({ progress: [] });
  const { port } = await vt.listenTcp(0);
  const term = new Protocol17Terminal({ transport: new TcpTransport('127.0.0.1', port), terminalId: '00000000', cashRegisterId: '00000001' });
  const n = 500;
  await term.pay(1, 'WARMUP');
  t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await term.pay(100 + i, `B${i}`);
  const payMs = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(`pay: ${n} approvals over TCP in ${payMs.toFixed(0)} ms = ${(payMs / n).toFixed(2)} ms each (P sent ${vt.received.P})\n`);
  await term.close();
  await vt.close();
}

void main();
