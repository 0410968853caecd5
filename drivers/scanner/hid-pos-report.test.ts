import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeHidPosReports, HidPosAssembler, parseHidPosReport } from './hid-pos-report';
import { ScannerError } from './scanner';
import { buildDataMatrixPayload } from '../../src/common/notice';

const QR = 'PAGOPA|002|300715700000000032|00085240950|1250';

function report(bytes: Record<number, number | string>): Uint8Array {
  const r = new Uint8Array(64);
  for (const [k, v] of Object.entries(bytes)) {
    if (typeof v === 'number') r[Number(k)] = v;
    else r.set(new TextEncoder().encode(v), Number(k));
  }
  return r;
}

describe('HID POS scanned-data report', () => {
  it('parses a hand-built Honeywell report: id 2, length, AIM id, data, code id, continuation', () => {
    const r = report({ 0: 0x02, 1: 5, 2: ']E0', 5: '12345', 61: 0x64, 63: 0 });
    expect(parseHidPosReport(r)).toEqual({ aim: ']E0', data: new TextEncoder().encode('12345'), continued: false, vendorCodeId: 0x64 });
  });

  it('ignores other report ids and rejects short or over-long reports', () => {
    expect(parseHidPosReport(report({ 0: 0x04 }))).toBeNull();
    expect(() => parseHidPosReport(new Uint8Array([2, 1, 0x41]))).toThrow(ScannerError);
    expect(() => parseHidPosReport(report({ 0: 2, 1: 57 }))).toThrow(/57 data bytes/);
    expect(() => parseHidPosReport(new Uint8Array(0))).toThrow(/empty/);
  });

  it('assembles a QR (one report) and a 256-char Data Matrix (five continued reports)', () => {
    const a = new HidPosAssembler();
    const qr = encodeHidPosReports(QR);
    expect(qr).toHaveLength(1);
    expect(a.push(qr[0] as Uint8Array)).toEqual({ text: QR, aim: ']Q1' });

    const dm = buildDataMatrixPayload({ noticeNumber: '300715700000000032', fiscalCode: '00085240950', amountCents: 1, postalAccount: '16302093' });
    const reports = encodeHidPosReports(dm, ']d2');
    expect(reports).toHaveLength(5);
    const results = reports.map((r) => a.push(r));
    expect(results.slice(0, 4)).toEqual([null, null, null, null]);
    expect(results[4]).toEqual({ text: dm, aim: ']d2' });
  });

  it('drops a runaway read that never ends', () => {
    const a = new HidPosAssembler(undefined, 200);
    const r = report({ 0: 2, 1: 56, 63: 1 });
    expect(() => {
      for (let i = 0; i < 10; i++) a.push(r);
    }).toThrow(/longer than 200/);
  });

  it('round-trips any text through reports', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (s) => {
        const a = new HidPosAssembler();
        const outs = encodeHidPosReports(s).map((r) => a.push(r));
        expect(outs.at(-1)?.text).toBe(s);
      }),
    );
  });

  it('fuzz: random reports only ever throw ScannerError', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 70 }), { maxLength: 10 }), (reports) => {
        const a = new HidPosAssembler();
        for (const r of reports) {
          try {
            a.push(r);
          } catch (e) {
            expect(e).toBeInstanceOf(ScannerError);
          }
        }
      }),
    );
  });
});
