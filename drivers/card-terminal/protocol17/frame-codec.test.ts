import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FrameDecoder, encodeApp, encodeControl, encodeProgress } from './frame-codec';
import { ACK, ETX, NAK, STX, computeLrc } from './lrc';

describe('LRC', () => {
  it('is XOR from base 0x7F with the framing bytes the mode selects (padosoft vectors)', () => {
    const a = Buffer.from('A');
    expect(computeLrc(Buffer.alloc(0), 'std')).toBe(0x7f);
    expect(computeLrc(Buffer.alloc(0), 'stx')).toBe(0x7e);
    expect(computeLrc(a, 'std')).toBe(0x3e);
    expect(computeLrc(a, 'stx')).toBe(0x3f);
    expect(computeLrc(a, 'noext')).toBe(0x3d);
    expect(computeLrc(a, 'stx_noext')).toBe(0x3c);
  });
});

describe('frame codec', () => {
  it('encodes STX payload ETX LRC and ACK/NAK as ctrl ETX LRC', () => {
    expect([...encodeApp('AB')]).toEqual([STX, 0x41, 0x42, ETX, 0x7f ^ 0x41 ^ 0x42]);
    expect([...encodeControl(ACK)]).toEqual([ACK, ETX, 0x7f ^ ACK]);
    expect([...encodeControl(NAK)]).toEqual([NAK, ETX, 0x7f ^ NAK]);
  });

  it('decodes frames split at every byte boundary and flags a bad LRC', () => {
    const good = encodeApp('123456780G00000001');
    const bad = Buffer.from(encodeApp('HELLO'));
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 0xff, bad.length - 1);
    const stream = Buffer.concat([good, encodeControl(ACK), encodeProgress('INSERIRE CARTA'), bad]);
    const d = new FrameDecoder();
    const frames = [...stream].flatMap((b) => d.push(Buffer.from([b])));
    expect(frames.map((f) => f.type)).toEqual(['app', 'ack', 'progress', 'app']);
    expect(frames[0]).toMatchObject({ lrcOk: true });
    expect(frames[0]?.type === 'app' && frames[0].payload.toString()).toBe('123456780G00000001');
    expect(frames[2]?.type === 'progress' && frames[2].text.trim()).toBe('INSERIRE CARTA');
    expect(frames[3]).toMatchObject({ type: 'app', lrcOk: false });
  });

  it('skips garbage between frames, including lone ACK/NAK bytes and a truncated frame', () => {
    const d = new FrameDecoder();
    const noise = Buffer.from([0x00, 0xff, 0x06, 0x41, 0x15, 0x0d]);
    const truncated = Buffer.from([STX, 0x31, 0x32]); // restarted by the next STX
    const frames = d.push(Buffer.concat([noise, truncated, encodeApp('OK'), noise, encodeControl(NAK)]));
    expect(frames.map((f) => f.type)).toEqual(['app', 'nak']);
    expect(d.discarded).toBeGreaterThan(0);
  });

  it('property: any payload survives any garbage prefix and any chunking', () => {
    const payloadArb = fc.string({ minLength: 1, maxLength: 200 }).map((s) => [...s].map((ch) => (ch.charCodeAt(0) < 0x20 ? 'x' : ch)).join(''));
    const noiseArb = fc.uint8Array({ maxLength: 40 }).map((u) => Uint8Array.from(u.filter((b) => ![0x01, 0x02, 0x06, 0x15].includes(b))));
    fc.assert(
      fc.property(payloadArb, noiseArb, fc.integer({ min: 1, max: 17 }), (payload, noise, chunk) => {
        const bytes = Buffer.concat([noise, encodeApp(Buffer.from(payload, 'latin1'))]);
        const d = new FrameDecoder();
        const out = [];
        for (let i = 0; i < bytes.length; i += chunk) out.push(...d.push(bytes.subarray(i, i + chunk)));
        return out.length === 1 && out[0]?.type === 'app' && out[0].lrcOk && out[0].payload.toString('latin1') === payload;
      }),
    );
  });
});
