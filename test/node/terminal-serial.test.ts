// Protocollo 17 driver against the virtual terminal over a real pty pair (socat), as on RS232/USB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Protocol17Terminal } from '../../drivers/card-terminal/protocol17/protocol17-terminal';
import { SerialTransport } from '../../drivers/card-terminal/protocol17/transport';
import { VirtualTerminal } from '../../drivers/card-terminal/virtual-terminal';
import { createSocatPtyPair, socatAvailable, type SocatPtyPair } from '../../src/main/virtual-lab/socat-pty';

const hasSocat = socatAvailable();

describe.skipIf(!hasSocat)('Protocollo 17 over a serial pty (socat)', () => {
  let pty: SocatPtyPair;
  let vt: VirtualTerminal;
  let term: Protocol17Terminal;

  beforeAll(async () => {
    pty = await createSocatPtyPair();
    vt = new VirtualTerminal();
    await vt.attachPty(pty.devicePath);
    term = new Protocol17Terminal({
      transport: new SerialTransport(pty.appPath, 9600),
      terminalId: '00000000',
      cashRegisterId: '00000001',
      ackTimeoutMs: 300,
      responseTimeoutMs: 500,
      recoveryDelaysMs: [20, 100],
    });
  });

  afterAll(async () => {
    await term?.close();
    await vt?.close();
    await pty?.close();
  });

  it('approves and declines over the serial line', async () => {
    const progress: string[] = [];
    expect(await term.pay(1500, 'SER-1', (p) => progress.push(p.message))).toMatchObject({ kind: 'approved', amountCents: 1500 });
    expect(progress).toContain('INSERIRE CARTA');
    vt.setScenario('decline');
    expect((await term.pay(1500, 'SER-2')).kind).toBe('declined');
    expect(await term.status()).toMatchObject({ state: 'ready' });
  });

  it('timeout on the serial line → recovered with G after reopening the port, P once', async () => {
    const before = vt.received.P ?? 0;
    vt.setScenario('timeout');
    expect(await term.pay(2100, 'SER-3')).toMatchObject({ kind: 'approved', amountCents: 2100, reference: 'SER-3' });
    expect((vt.received.P ?? 0) - before).toBe(1);
  });

  it('survives garbage and NAKs on the serial line', async () => {
    vt.setScenario({ garbage: true, nakFirst: 2 });
    expect((await term.pay(300, 'SER-4')).kind).toBe('approved');
    expect(term.garbageBytes).toBeGreaterThan(0);
  });
});
