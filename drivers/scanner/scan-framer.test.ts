import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScanFramer, type Frame } from './scan-framer';
import { makeScanEvent } from '../../src/common/scan/scan-event';

const feed = (f: ScanFramer, chunks: Buffer[]): Frame[] => chunks.flatMap((c) => f.push(c));

describe('ScanFramer', () => {
  it('splits on CR, CRLF and LF, drops empty reads and strips the prefix', () => {
    const f = new ScanFramer({ prefix: '\x02' });
    expect(feed(f, [Buffer.from('\x02AAA\r\x02BBB\r'), Buffer.from('\n\x02CC'), Buffer.from('C\n\r\r')])).toEqual([
      { ok: true, text: 'AAA' },
      { ok: true, text: 'BBB' },
      { ok: true, text: 'CCC' },
    ]);
  });

  it('supports a printable suffix', () => {
    expect(feed(new ScanFramer({ suffix: '#END' }), [Buffer.from('AB#EN'), Buffer.from('DCD#END')])).toEqual([
      { ok: true, text: 'AB' },
      { ok: true, text: 'CD' },
    ]);
  });

  it('reports an over-long read once and recovers', () => {
    const f = new ScanFramer({ maxBytes: 10 });
    expect(feed(f, [Buffer.alloc(8, 0x41), Buffer.alloc(8, 0x41), Buffer.from('AA\rOK\r')])).toEqual([
      { ok: false, reason: 'too-long', bytes: 18 },
      { ok: true, text: 'OK' },
    ]);
  });

  it('decodes UTF-8 and falls back to Latin-1 for other bytes', () => {
    expect(feed(new ScanFramer(), [Buffer.from('città\r', 'utf8'), Buffer.from([0x63, 0xe0, 0x0d])])).toEqual([
      { ok: true, text: 'città' },
      { ok: true, text: 'cà' },
    ]);
  });

  it('property: the frames do not depend on how the stream is chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('A', '|', '1', '\r', '\n', 'é') }), { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1 }), (reads, cuts) => {
        const stream = Buffer.from(reads.map((r) => `${r}\r`).join(''), 'utf8');
        const whole = new ScanFramer().push(stream);
        const chunks: Buffer[] = [];
        for (let at = 0, i = 0; at < stream.length; i++) {
          const n = cuts[i % cuts.length] ?? 1;
          chunks.push(stream.subarray(at, at + n));
          at += n;
        }
        expect(feed(new ScanFramer(), chunks)).toEqual(whole);
      }),
    );
  });

  it('fuzz: random bytes through the framer and the codec never crash', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), (chunks) => {
        const f = new ScanFramer({ maxBytes: 512 });
        for (const c of chunks) {
          for (const fr of f.push(Buffer.from(c))) {
            if (fr.ok) expect(typeof makeScanEvent(fr.text, 'serial', 'fuzz', 0).result.ok).toBe('boolean');
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
