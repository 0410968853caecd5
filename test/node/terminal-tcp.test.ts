// Protocollo 17 driver against the virtual terminal over real TCP sockets on loopback.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalError } from '../../drivers/card-terminal/errors';
import type { TerminalProgress } from '../../drivers/card-terminal/interface';
import { Protocol17Terminal } from '../../drivers/card-terminal/protocol17/protocol17-terminal';
import { TcpTransport } from '../../drivers/card-terminal/protocol17/transport';
import { VirtualTerminal } from '../../drivers/card-terminal/virtual-terminal';

let vt: VirtualTerminal;
let term: Protocol17Terminal;
let port: number;

function driver(over: Partial<ConstructorParameters<typeof Protocol17Terminal>[0]> = {}): Protocol17Terminal {
  return new Protocol17Terminal({
    transport: new TcpTransport('127.0.0.1', port),
    terminalId: '00000000',
    cashRegisterId: '00000001',
    ackTimeoutMs: 300,
    responseTimeoutMs: 5_000,
    queryTimeoutMs: 2_000,
    recoveryDelaysMs: [20, 100],
    abortWaitMs: 5_000,
    ...over,
  });
}

beforeEach(async () => {
  vt = new VirtualTerminal();
  ({ port } = await vt.listenTcp(0));
  term = driver();
});

afterEach(async () => {
  await term.close();
  await vt.close();
});

describe('Protocollo 17 over TCP', () => {
  it('approves a payment, reporting progress, and sends P once', async () => {
    const progress: TerminalProgress[] = [];
    const r = await term.pay(1234, 'PAY-0001', (p) => progress.push(p));
    expect(r).toMatchObject({ kind: 'approved', amountCents: 1234, reference: 'PAY-0001', maskedPan: '************0019', cardBrand: 'VISA' });
    expect(progress.map((p) => p.message)).toEqual(['INSERIRE CARTA', 'ATTENDERE AUTORIZZ.']);
    expect(vt.received.P).toBe(1);
    expect(term.health()).toMatchObject({ connected: true, lastError: null });
    expect(term.health().lastSeen).not.toBeNull();
  });

  it('returns a decline with the terminal action code', async () => {
    vt.setScenario('decline');
    expect(await term.pay(500, 'PAY-0002')).toEqual({ kind: 'declined', reference: 'PAY-0002', code: '116', message: 'OPERAZIONE RIFIUTATA' });
  });

  it('forwards every progress message of a slow cardholder in order', async () => {
    vt.setScenario('slow', { slowMs: 250 });
    const seen: string[] = [];
    const r = await term.pay(700, 'SLOW-1', (p) => seen.push(p.message));
    expect(r.kind).toBe('approved');
    expect(seen).toEqual(['INSERIRE CARTA', 'LETTURA CARTA', 'DIGITARE PIN', 'PIN OK', 'ATTENDERE AUTORIZZ.']);
  });

  it('retransmits a NAKed P frame; the terminal accepts it once', async () => {
    await term.lastResult(); // learn the baseline first so the NAKs hit P itself
    vt.setScenario({ nakFirst: 1 });
    const framesBefore = vt.framesReceived;
    expect((await term.pay(100, 'NAK-1')).kind).toBe('approved');
    expect(vt.framesReceived - framesBefore).toBe(2);
    expect(vt.received.P).toBe(1);
  });

  it('succeeds after 3 retransmissions and gives up (nak-limit) on the 4th NAK', async () => {
    await term.lastResult();
    vt.setScenario({ nakFirst: 3 });
    expect((await term.pay(100, 'NAK-3')).kind).toBe('approved');
    vt.setScenario({ nakFirst: 4 });
    const err = await term.pay(100, 'NAK-4').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TerminalError);
    expect((err as TerminalError).kind).toBe('nak-limit');
    expect(vt.received.P).toBe(1); // the refused frame never became a command
  });

  it('terminal timeout → recovers the approval with G, without re-sending P', async () => {
    await term.close();
    term = driver({ responseTimeoutMs: 400 });
    vt.setScenario('timeout');
    const r = await term.pay(2500, 'TMO-1');
    expect(r).toMatchObject({ kind: 'approved', amountCents: 2500, reference: 'TMO-1' });
    expect(vt.received.P).toBe(1);
    expect(vt.received.G).toBeGreaterThanOrEqual(2); // baseline + recovery
  });

  it('terminal timeout with nothing processed → G returns the older transaction → unknown', async () => {
    expect((await term.pay(100, 'OLD-1')).kind).toBe('approved');
    await term.close();
    term = driver({ responseTimeoutMs: 400 });
    vt.setScenario('timeout-unprocessed');
    const r = await term.pay(900, 'TMO-2');
    expect(r.kind).toBe('unknown');
    expect(r.kind === 'unknown' && r.reason).toMatch(/older transaction/);
    expect(vt.received.P).toBe(2);
  });

  it('drop after approval → reconnects, recovers with G, P sent exactly once', async () => {
    vt.setScenario('drop-after-approve');
    const r = await term.pay(4200, 'DROP-1');
    expect(r).toMatchObject({ kind: 'approved', amountCents: 4200, reference: 'DROP-1' });
    expect(vt.received.P).toBe(1);
    expect(vt.totals()).toEqual({ count: 1, totalCents: 4200 });
  });

  it('drop before processing → G shows a different (older) transaction → unknown, P once', async () => {
    expect((await term.pay(300, 'PREV-1')).kind).toBe('approved');
    vt.setScenario('drop-before-processing');
    const r = await term.pay(301, 'DROP-2');
    expect(r.kind).toBe('unknown');
    expect(vt.received.P).toBe(2);
  });

  it('G with a transaction of another amount → unknown', async () => {
    await term.close();
    term = driver({ responseTimeoutMs: 400 });
    // The terminal completes a payment that is not ours between our baseline and our P.
    await term.lastResult();
    const other = driver();
    vt.setScenario('approve');
    expect((await other.pay(999, 'OTHER')).kind).toBe('approved');
    await other.close();
    vt.setScenario('timeout-unprocessed');
    const r = await term.pay(1000, 'MINE-1');
    expect(r.kind).toBe('unknown');
    expect(r.kind === 'unknown' && r.reason).toMatch(/999 cents/);
  });

  it('ignores garbage bytes between frames', async () => {
    vt.setScenario('garbage');
    expect((await term.pay(100, 'GARB-1')).kind).toBe('approved');
    expect(term.garbageBytes).toBeGreaterThan(0);
  });

  it('abort is true only when the terminal confirms it (cardholder pressed ANNULLA)', async () => {
    expect(await term.abort()).toBe(false); // nothing in flight
    vt.setScenario('wait-for-card');
    let waiting!: () => void;
    const shown = new Promise<void>((r) => (waiting = r));
    const paying = term.pay(800, 'ABRT-1', () => waiting());
    await shown;
    const aborting = term.abort();
    expect(vt.cancelByCardholder()).toBe(true);
    expect(await aborting).toBe(true);
    expect(await paying).toEqual({ kind: 'aborted', reference: 'ABRT-1' });
    expect(vt.totals().count).toBe(0);
  });

  it('abort is false when the cardholder pays anyway', async () => {
    vt.setScenario('wait-for-card');
    let waiting!: () => void;
    const shown = new Promise<void>((r) => (waiting = r));
    const paying = term.pay(800, 'ABRT-2', () => waiting());
    await shown;
    const aborting = term.abort();
    vt.presentCard();
    expect(await aborting).toBe(false);
    expect((await paying).kind).toBe('approved');
  });

  it('refuses a second operation while a payment is in flight', async () => {
    vt.setScenario('wait-for-card');
    let waiting!: () => void;
    const shown = new Promise<void>((r) => (waiting = r));
    const paying = term.pay(800, 'BUSY-1', () => waiting());
    await shown;
    const err = await term.pay(100, 'BUSY-2').catch((e: unknown) => e);
    expect((err as TerminalError).kind).toBe('busy');
    expect(await term.status()).toEqual({ state: 'busy', detail: 'transaction in progress' });
    vt.presentCard();
    expect((await paying).kind).toBe('approved');
    expect(vt.received.P).toBe(1);
  });

  it('status, totals, reversal and last result', async () => {
    expect(await term.status()).toMatchObject({ state: 'ready' });
    vt.setScenario('not-operative');
    expect((await term.status()).state).toBe('error');
    vt.setScenario('approve');
    expect(await term.lastResult()).toBeNull();
    const a = await term.pay(1000, 'TOT-1');
    await term.pay(2000, 'TOT-2');
    expect(await term.totals()).toMatchObject({ count: 2, totalCents: 3000 });
    const last = await term.lastResult();
    expect(last).toMatchObject({ kind: 'approved', amountCents: 2000, reference: 'TOT-2' });
    const rev = await term.reverse();
    expect(rev).toMatchObject({ kind: 'approved', amountCents: 2000 });
    expect(await term.totals()).toMatchObject({ count: 1, totalCents: 1000 });
    expect(a.kind === 'approved' && (await term.reverse(a.stan)).kind).toBe('declined'); // only the last can be reversed here
  });

  it('a result the terminal repeats (our ACK lost) is neither the totals/status answer nor the next payment (issue #11 §8)', async () => {
    vt.setScenario('lost-ack');
    const first = await term.pay(1500, 'LOST-1');
    expect(first).toMatchObject({ kind: 'approved', amountCents: 1500 });
    // The repeated E arrives while these run: they must read their own answers, not it.
    expect(await term.totals()).toMatchObject({ count: 1, totalCents: 1500 });
    expect(await term.status()).toMatchObject({ state: 'ready' });
    const second = await term.pay(2700, 'LOST-2');
    expect(second).toMatchObject({ kind: 'approved', amountCents: 2700, reference: 'LOST-2' });
    expect(second.kind === 'approved' && first.kind === 'approved' && second.stan !== first.stan).toBe(true);
    expect(await term.totals()).toMatchObject({ count: 2, totalCents: 4200 });
    expect(await term.lastResult()).toMatchObject({ kind: 'approved', amountCents: 2700, reference: 'LOST-2' });
    expect(vt.received.P).toBe(2);
  });

  it('reports offline when the terminal is unreachable, and pay fails before sending', async () => {
    await vt.close();
    expect((await term.status()).state).toBe('offline');
    const err = await term.pay(100, 'OFF-1').catch((e: unknown) => e);
    expect((err as TerminalError).kind).toBe('disconnected');
    expect(term.health().lastError).not.toBeNull();
  });
});
