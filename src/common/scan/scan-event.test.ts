import { describe, expect, it } from 'vitest';
import { makeScanEvent } from './scan-event';

describe('makeScanEvent', () => {
  it('carries the parsed notice', () => {
    const e = makeScanEvent('PAGOPA|002|300715700000000032|00085240950|1250\r', 'serial', 'counter-1', 1234);
    expect(e).toMatchObject({ transport: 'serial', source: 'counter-1', at: 1234, result: { ok: true, notice: { amountCents: 1250 } } });
  });
  it('carries the codec error kind and message for a bad read', () => {
    const e = makeScanEvent('8001234567890', 'hid', 'hid-1', 5);
    expect(e.result).toEqual({ ok: false, error: { kind: 'unknown-format', message: expect.stringContaining('not a pagoPA') } });
  });
});
