import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeFeedResult, type WedgeOptions, type WedgeScan } from './wedge-detector';

const QR = 'PAGOPA|002|300715700000000032|00085240950|1250';

/** Types `text` starting at t0 with the given gaps (ms) between keys; '\r' is Enter, '\t' Tab. */
function type(d: WedgeDetector, text: string, t0: number, gap: number | ((i: number) => number)): { results: WedgeFeedResult[]; end: number } {
  const results: WedgeFeedResult[] = [];
  let t = t0;
  [...text].forEach((ch, i) => {
    if (i > 0) t += typeof gap === 'number' ? gap : gap(i);
    const key = ch === '\r' ? 'Enter' : ch === '\t' ? 'Tab' : ch;
    if (ch >= 'A' && ch <= 'Z') results.push(d.feed({ key: 'Shift', at: t }));
    results.push(d.feed({ key, at: t }));
  });
  return { results, end: t };
}

const scans = (rs: WedgeFeedResult[]): WedgeScan[] => rs.flatMap((r) => (r.scan ? [r.scan] : []));

function detector(o: WedgeOptions = {}) {
  return new WedgeDetector(o);
}

describe('WedgeDetector', () => {
  it.each([1, 6, 10, 19, 30])('recognises a scanner burst at %d ms/key ended by Enter', (gap) => {
    const d = detector();
    const { results } = type(d, `${QR}\r`, 1000, gap);
    expect(scans(results)).toEqual([{ payload: QR, startedAt: 1000, endedAt: 1000 + gap * QR.length, endedBy: 'terminator' }]);
    expect(results.at(-1)?.swallow).toBe(true);
  });

  it('ignores human typing, even a fast typist (60–120 ms/key) ending with Enter', () => {
    const d = detector();
    const gaps = [80, 60, 110, 75, 65, 120, 90, 70];
    const { results } = type(d, '302016723749670000\r', 0, (i) => gaps[i % gaps.length] ?? 80);
    expect(scans(results)).toEqual([]);
    expect(results.every((r) => !r.swallow)).toBe(true);
  });

  it('rejects a burst whose average is slow even if no single gap exceeds the limit', () => {
    const d = detector();
    expect(scans(type(d, '12345678\r', 0, 38).results)).toEqual([]);
  });

  it('ignores a short fast burst (4 characters or fewer, e.g. key rollover)', () => {
    const d = detector();
    expect(scans(type(d, 'abcd\r', 0, 5).results)).toEqual([]);
  });

  it('separates human typing before and after a scan (mixed input)', () => {
    const d = detector();
    const a = type(d, 'ciao', 0, 150);
    const b = type(d, `${QR}\r`, a.end + 400, 8);
    const c = type(d, 'grazie\r', b.end + 300, 140);
    expect(scans([...a.results, ...b.results, ...c.results]).map((s) => s.payload)).toEqual([QR]);
  });

  it('a human key right before the burst splits off by its gap', () => {
    const d = detector();
    const a = type(d, 'x', 0, 0);
    const b = type(d, `${QR}\r`, a.end + 90, 5);
    expect(scans(b.results).map((s) => s.payload)).toEqual([QR]);
  });

  it('two scans back to back', () => {
    const d = detector();
    const a = type(d, `${QR}\r`, 0, 5);
    const b = type(d, 'PAGOPA|002|000000000000000000|01199250158|150\r', a.end + 250, 5);
    expect(scans([...a.results, ...b.results]).map((s) => s.payload)).toEqual([QR, 'PAGOPA|002|000000000000000000|01199250158|150']);
  });

  it('accepts Tab as terminator and a pause before the terminator up to the idle timeout', () => {
    const d = detector();
    const r = type(d, QR, 0, 5);
    expect(d.feed({ key: 'Tab', at: r.end + 150 }).scan?.payload).toBe(QR);
  });

  it('swallows keys once the burst is in data mode (after 3 fast characters), never before', () => {
    const d = detector();
    const { results } = type(d, 'PAGOPA', 0, 5);
    expect(results.filter((r) => r.swallow).length).toBeGreaterThan(0);
    expect(results[0]?.swallow).toBe(false);
    expect(d.inBurst).toBe(true);
  });

  it('strips a configured prefix and a printable suffix, and requires the prefix', () => {
    const d = detector({ prefix: ']Q1', suffix: '#' });
    const { results } = type(d, `]Q1${QR}#`, 0, 4);
    expect(scans(results)).toEqual([expect.objectContaining({ payload: QR, endedBy: 'suffix' })]);
    const d2 = detector({ prefix: ']Q1' });
    expect(scans(type(d2, `${QR}\r`, 0, 4).results)).toEqual([]);
  });

  it('without terminator: discarded by default, emitted by poll() when acceptWithoutTerminator', () => {
    const d = detector();
    const r = type(d, QR, 0, 5);
    expect(d.nextDeadline()).toBe(r.end + 200);
    expect(d.poll(r.end + 100)).toBeNull();
    expect(d.poll(r.end + 200)).toBeNull();
    expect(d.nextDeadline()).toBeNull();

    const e = detector({ acceptWithoutTerminator: true });
    const r2 = type(e, QR, 0, 5);
    expect(e.poll(r2.end + 199)).toBeNull();
    expect(e.poll(r2.end + 200)).toEqual({ payload: QR, startedAt: 0, endedAt: r2.end, endedBy: 'idle' });
  });

  it('auto-repeat from a held key never forms a scan', () => {
    const d = detector();
    d.feed({ key: '1', at: 0 });
    for (let i = 1; i < 20; i++) d.feed({ key: '1', at: i * 20, repeat: true });
    expect(d.feed({ key: 'Enter', at: 400 }).scan).toBeNull();
  });

  it('a non-character key (arrow, Backspace) in the middle breaks the burst', () => {
    const d = detector();
    type(d, 'PAGOPA|002', 0, 5);
    d.feed({ key: 'Backspace', at: 55 });
    expect(scans(type(d, '|300715700\r', 60, 5).results)).toEqual([expect.objectContaining({ payload: '|300715700' })]);
  });

  it('Enter alone or after a single key passes through', () => {
    const d = detector();
    expect(d.feed({ key: 'Enter', at: 0 })).toEqual({ swallow: false, scan: null });
    d.feed({ key: 'a', at: 10 });
    expect(d.feed({ key: 'Enter', at: 15 })).toEqual({ swallow: false, scan: null });
  });
});
