// The Protocollo 17 terminal's serial line hangs up (socat killed, USB adapter pulled) while the driver is
// idle with no read pending: on serialport's own binding the next read spins on end of file and the link
// stays "connected" forever (serialport/bindings-cpp#162). On the hang-up-aware binding (drivers/serial-line)
// it closes the link: TerminalError 'disconnected' → the next operation reopens the port after a replug, and
// a payment in flight is recovered with G, never re-sent (pos-practice.md §3.4).
// SPORTELLO_HUP_PLAIN=1 runs it on the plain binding: it must then fail at "reports disconnected".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameDecoder } from '../../drivers/card-terminal/protocol17/frame-codec';
import { Protocol17Terminal } from '../../drivers/card-terminal/protocol17/protocol17-terminal';
import { SerialTransport } from '../../drivers/card-terminal/protocol17/transport';
import { VirtualTerminal } from '../../drivers/card-terminal/virtual-terminal';
import { bindingUnderTest, gatedBinding, type GatedBinding } from '../helpers/gated-serial-binding';
import { createPtyPair, type PtyPair } from '../helpers/pty-pair';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function waitFor(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The kinds of the whole frames in `bytes` (ACK/NAK, SOH…EOT progress, STX…ETX LRC answers). */
const frames = (bytes: Buffer): string[] => new FrameDecoder().push(bytes).map((f) => f.type);

type Rig = { links: { a: string; b: string }; pty: PtyPair; vt: VirtualTerminal; gated: GatedBinding; term: Protocol17Terminal };

async function rig(opts: { responseTimeoutMs: number; recoveryDelaysMs: number[] }): Promise<Rig> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-terminal-hup-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const links = { a: path.join(dir, 'ecr'), b: path.join(dir, 'terminal') };
  const pty = await createPtyPair(links);
  cleanups.push(() => pty.close());
  const vt = new VirtualTerminal();
  cleanups.push(() => vt.close());
  await vt.attachPty(pty.b);
  const gated = gatedBinding(bindingUnderTest());
  cleanups.push(async () => gated.release());
  const term = new Protocol17Terminal({
    transport: new SerialTransport(pty.a, 9600, gated.binding),
    terminalId: '00000000',
    cashRegisterId: '00000001',
    ackTimeoutMs: 300,
    queryTimeoutMs: 1000,
    ...opts,
  });
  cleanups.push(() => term.close());
  return { links, pty, vt, gated, term };
}

/** Replug: a new socat at the same paths, the virtual terminal on its device end. */
async function replug(r: Rig): Promise<void> {
  await r.vt.close();
  const again = await createPtyPair(r.links);
  cleanups.push(() => again.close());
  await r.vt.attachPty(again.b);
}

describe('card terminal: serial line hangs up while no read is pending', () => {
  it('idle → disconnected → offline until replug → status answers and a payment goes out once', async () => {
    const r = await rig({ responseTimeoutMs: 1000, recoveryDelaysMs: [20, 100] });
    const { gated, term, vt } = r;
    expect(await term.status()).toMatchObject({ state: 'ready' });
    // After the status answer (ACK, then the `s` reply frame) the driver is idle: hold its next read.
    const idle = gated.holdAfter((bytes) => frames(bytes).includes('app'));
    expect(await term.status()).toMatchObject({ state: 'ready' });
    await idle;
    expect(term.health().connected).toBe(true);

    await r.pty.close(); // the line hangs up while nothing is parked on the fd
    gated.release(); // the driver's next read starts on the dead line
    await waitFor(() => !term.health().connected, 'the driver to report the hang-up');
    // Unplugged: operations fail as 'disconnected' (status says offline) and no P can go out.
    expect(await term.status()).toMatchObject({ state: 'offline' });
    await expect(term.pay(700, 'HUP-0')).rejects.toMatchObject({ name: 'TerminalError', kind: 'disconnected' });
    expect(vt.received.P ?? 0).toBe(0);

    await replug(r);
    expect(await term.status()).toMatchObject({ state: 'ready' });
    expect(term.health().connected).toBe(true);
    expect(await term.pay(1250, 'HUP-1')).toMatchObject({ kind: 'approved', amountCents: 1250, reference: 'HUP-1' });
    expect(vt.received.P).toBe(1);
  });

  it('during a payment (P acknowledged, waiting for the card) → dropped at once, not at the 30 s answer timeout → G after replug, P once', async () => {
    // Without the fix the drop would only surface when responseTimeoutMs (30 s here, 120 s in production) runs out.
    const r = await rig({ responseTimeoutMs: 30_000, recoveryDelaysMs: [300, 600, 1200, 2400] });
    const { gated, term, vt } = r;
    expect(await term.status()).toMatchObject({ state: 'ready' });
    vt.setScenario('wait-for-card');
    // ACK of P, then the "INSERIRE CARTA" progress frame: the driver now waits for the result.
    const waiting = gated.holdAfter((bytes) => frames(bytes).includes('progress'));
    const paying = term.pay(1800, 'HUP-2');
    await waiting;

    await r.pty.close();
    gated.release();
    await waitFor(() => !term.health().connected, 'the driver to report the hang-up');
    expect(vt.presentCard()).toBe(true); // the terminal approves; its answer is lost on the dead line
    await replug(r);

    expect(await paying).toMatchObject({ kind: 'approved', amountCents: 1800, reference: 'HUP-2' });
    expect(vt.received.P).toBe(1); // never re-sent: recovered with G
    expect(vt.received.G).toBeGreaterThanOrEqual(2); // the baseline before P, and the recovery
  });
});
