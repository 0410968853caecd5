import { describe, expect, it } from 'vitest';
import { ECHO_SECONDS, echoResult, echoTimeout, secondsLeft } from './scanner-echo';

describe('scanner echo (issue #11 §8)', () => {
  it('reports the wedge scan as read and whether it is a pagoPA notice', () => {
    const qr = 'PAGOPA|002|301000000000000001|00000000000|12345';
    expect(echoResult(qr, 'wedge')).toEqual({ action: 'scanner-echo', ok: true, lines: [`wedge: ${JSON.stringify(qr)}`, 'pagoPA notice 301000000000000001'] });
    const other = echoResult('HELLO-123', 'serial-lab');
    expect(other.ok).toBe(true);
    expect(other.lines[0]).toBe('serial-lab: "HELLO-123"');
    expect(other.lines[1]).toMatch(/^not a pagoPA notice \(/);
  });

  it('times out after the 10 s its label promises, counting down whole seconds', () => {
    expect(ECHO_SECONDS).toBe(10);
    expect(echoTimeout()).toEqual({ action: 'scanner-echo', ok: false, lines: ['no scan within 10 s'] });
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 9_001)).toBe(1);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 12_000)).toBe(0);
  });
});
