import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscPosInterpreter, interpretEscPos, opsToText, type RenderOp } from './interpreter';
import { ReceiptEncoder } from './encoder';

const enc = (qrMode: 'native' | 'raster' = 'native', codePage: 'pc858' | 'wpc1252' = 'pc858') => new ReceiptEncoder({ columns: 48, widthDots: 576, codePage, qrMode });

describe('EscPosInterpreter', () => {
  it('decodes Italian accents and € in PC858 (ESC t 19) and WPC1252 (ESC t 16)', () => {
    for (const cp of ['pc858', 'wpc1252'] as const) {
      const bytes = enc('native', cp).init().line('àèéìòù ÀÈÉÌÒÙ €').encode();
      expect(Array.from(bytes.subarray(0, 2))).toEqual([0x1b, 0x40]);
      expect(opsToText(interpretEscPos(bytes))).toBe('àèéìòù ÀÈÉÌÒÙ €');
    }
    // The same byte means different characters per table: 0xD5 is € only in PC858.
    expect(opsToText(interpretEscPos(Uint8Array.of(0x1b, 0x74, 19, 0xd5, 0x0a)))).toBe('€');
    expect(opsToText(interpretEscPos(Uint8Array.of(0x1b, 0x74, 16, 0x80, 0x0a)))).toBe('€');
    expect(opsToText(interpretEscPos(Uint8Array.of(0x1b, 0x74, 0, 0xd5, 0x0a)))).not.toBe('€');
  });

  it('tracks bold, size and alignment per run', () => {
    const ops = interpretEscPos(enc().init().bold().text('B').bold(false).size(2, 2).text('X').size(1, 1).line('').align('right').line('r').encode());
    const lines = ops.filter((o): o is Extract<RenderOp, { op: 'line' }> => o.op === 'line');
    expect(lines[0]!.runs.map((r) => [r.text, r.style.bold, r.style.widthMul])).toEqual([
      ['B', true, 1],
      ['X', false, 2],
    ]);
    expect(
      lines
        .at(-1)!
        .runs.map((r) => r.text)
        .join('')
        .trim(),
    ).toBe('r');
  });

  it('parses native QR, raster QR, barcode, cut and drawer pulse', () => {
    const native = interpretEscPos(enc().init().qr('PAGOPA|002|301000000000000001|00000000000|12345', 6).encode());
    expect(native.find((o) => o.op === 'qr')).toMatchObject({ data: 'PAGOPA|002|301000000000000001|00000000000|12345', moduleSize: 6, ecc: 'M' });
    const raster = interpretEscPos(enc('raster').init().qr('HELLO', 4).encode());
    expect(raster.some((o) => o.op === 'qr')).toBe(false);
    const img = raster.find((o) => o.op === 'raster');
    expect(img && img.op === 'raster' && img.width >= (21 + 4) * 4 && img.height >= (21 + 4) * 4).toBe(true);
    const misc = interpretEscPos(enc().init().barcode('RCPT-1', 'code128').cut().pulse(5).encode());
    expect(misc.find((o) => o.op === 'barcode')).toMatchObject({ symbology: 73 });
    expect(misc.find((o) => o.op === 'cut')).toMatchObject({ partial: true });
    expect(misc.find((o) => o.op === 'pulse')).toMatchObject({ pin: 5, onMs: 50 });
  });

  it('streams: a command split across chunks is the same as in one piece', () => {
    const bytes = enc().init().line('Totale 12,00 €').qr('X', 3).cut().encode();
    const whole = interpretEscPos(bytes).map(({ at: _at, ...o }) => o);
    const it = new EscPosInterpreter();
    const parts: RenderOp[] = [];
    for (const b of bytes) parts.push(...it.push(Uint8Array.of(b)));
    parts.push(...it.end());
    expect(parts.map(({ at: _at, ...o }) => o)).toEqual(whole);
  });

  it('reports status requests (DLE EOT, GS r, GS a, DLE ENQ) in stream order', () => {
    const ops = interpretEscPos(Uint8Array.of(0x10, 0x04, 0x01, 0x41, 0x0a, 0x1d, 0x72, 0x01, 0x1d, 0x61, 0x0f, 0x10, 0x05, 0x02));
    expect(ops.map((o) => o.op)).toEqual(['rt-status', 'line', 'tx-status', 'asb', 'rt-recover']);
  });

  it('never throws on random bytes, and always consumes them (fuzz)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 1, max: 64 }), (bytes, chunk) => {
        const it = new EscPosInterpreter();
        for (let i = 0; i < bytes.length; i += chunk) it.push(bytes.subarray(i, i + chunk));
        it.end();
        interpretEscPos(bytes);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on ESC/POS-looking garbage (valid prefixes, random parameters)', () => {
    const prefix = fc.constantFrom([0x1b], [0x1d], [0x10], [0x1c], [0x1d, 0x28, 0x6b], [0x1d, 0x76, 0x30], [0x1d, 0x6b], [0x1b, 0x2a], [0x1d, 0x56]);
    fc.assert(
      fc.property(fc.array(fc.tuple(prefix, fc.uint8Array({ maxLength: 12 })), { maxLength: 60 }), (parts) => {
        const bytes = Uint8Array.from(parts.flatMap(([p, r]) => [...p, ...r]));
        const ops = interpretEscPos(bytes);
        expect(Array.isArray(ops)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
