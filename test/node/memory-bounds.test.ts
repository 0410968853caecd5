// Issue #16: the virtual printer and the node simulator keep a bounded history. After a few thousand
// operations with a small configured bound, what each holds is at most that bound (a keep-everything
// regression fails here), and the newest data is still there.
import { describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../drivers/escpos-printer/virtual-printer';
import { Registry, defaultIdentityRegistry } from '../../src/main/node-sim/registry';
import { generatePositions } from '../../src/main/node-sim/seed';
import { DEFAULT_SIM_IDENTITY } from '../../src/main/node-sim/simulator';
import { SimState } from '../../src/main/node-sim/state';

const enc = (s: string) => Buffer.from(s, 'latin1');
const job = (i: number) => Buffer.concat([Uint8Array.of(0x1b, 0x40), enc(`RICEVUTA ${i}\n`), enc('x'.repeat(40) + '\n'), Uint8Array.of(0x1d, 0x56, 0x00)]);

describe('bounded history (issue #16)', () => {
  it('the virtual printer keeps only the last keepJobs jobs and keepRawBytes bytes', async () => {
    const vp = new VirtualPrinter({ keepJobs: 5, keepRawBytes: 4096 });
    const conn = vp.connectMemory(() => undefined);
    for (let i = 0; i < 3000; i++) conn.write(job(i));
    await new Promise((r) => setImmediate(r));
    const kept = vp.retained();
    expect(kept.cutJobs).toBeLessThanOrEqual(5);
    expect(kept.rollOps).toBeLessThan(5 * 20);
    expect(kept.rawBytes).toBeLessThanOrEqual(4096 + job(0).length);
    expect(vp.received().length).toBe(kept.rawBytes);
    const jobs = vp.jobs();
    expect(jobs).toHaveLength(5);
    expect(jobs.at(-1)!.text).toContain('RICEVUTA 2999');
    expect(jobs[0]!.text).toContain('RICEVUTA 2995');
    expect(vp.droppedJobs).toBe(2995);
    // A host that never cuts cannot grow the roll without bound either.
    for (let i = 0; i < 3000; i++) conn.write(enc(`riga ${i}\n`));
    expect(vp.retained().rollOps).toBeLessThanOrEqual(5 * 4096);
    conn.close();
    await vp.close();
  });

  it('the simulator keeps bounded tokens, idempotency entries, auto-created positions and ledger', () => {
    let now = Date.parse('2026-11-27T08:00:00Z');
    const identity = DEFAULT_SIM_IDENTITY;
    const registry = new Registry();
    registry.apply(defaultIdentityRegistry(identity));
    const positions = generatePositions(3000, 77);
    registry.registerNotice(positions[0]!.fiscalCode, undefined, true);
    let seed = 1;
    const state = new SimState({
      clock: { now: () => now },
      random: () => (seed = (seed * 48271) % 2147483647) / 2147483647,
      identity,
      registry,
      autoCreate: [positions[0]!.fiscalCode],
      retention: { ledgerEntries: 100, tokens: 100, autoPositions: 100, cacheEntries: 100, tokenRetentionMs: 60_000 },
    });
    let k = 0;
    for (const p of positions) {
      now += 1000;
      const a = state.activate(identity, {
        version: 'v2',
        idempotencyKey: `${identity.idPSP}_${++k}`,
        fiscalCode: p.fiscalCode,
        noticeNumber: p.noticeNumber,
        amountCents: p.amountCents,
        expirationTime: 600_000,
      });
      expect(a.kind).toBe('activate');
      if (a.kind !== 'activate') continue;
      const o = state.outcome(identity, { version: 'v2', idempotencyKey: `${identity.idPSP}_${++k}`, tokens: [a.paymentToken], outcome: 'OK', hasDetails: true, fingerprint: String(k) });
      expect(o.kind).toBe('outcome');
    }
    const kept = state.retained();
    expect(kept.ledgerEntries).toBe(100);
    expect(kept.tokens).toBeLessThanOrEqual(100);
    expect(kept.cacheEntries).toBeLessThanOrEqual(100);
    expect(kept.autoPositions).toBeLessThanOrEqual(100);
    expect(kept.positions).toBeLessThanOrEqual(100);
    // The window holds the newest outcomes; a recent one is still answered as a duplicate.
    expect(state.ledger().at(-1)!.noticeNumber).toBe(positions.at(-1)!.noticeNumber);
    const last = positions.at(-1)!;
    expect(state.verify(last.fiscalCode, last.noticeNumber)).toMatchObject({ kind: 'ko' });
  });
});
