import { describe, expect, it } from 'vitest';
import {
  MessageError,
  buildLastResult,
  buildPayment,
  buildResult,
  buildReversal,
  buildStatus,
  buildTotals,
  parseRequest,
  parseResult,
  parseStatusReply,
  parseTotalsReply,
  type TxResult,
} from './messages';
import { maskPan, toCardResult } from './result-mapping';

const ids = { terminalId: '12345678', cashRegisterId: '87654321' };

describe('Protocollo 17 requests', () => {
  it('P is 167 bytes with fields at the Nexi offsets', () => {
    const m = buildPayment(ids, 650, 'PAY-0001');
    expect(m).toHaveLength(167);
    expect(m.slice(0, 8)).toBe('12345678');
    expect(m[8]).toBe('0');
    expect(m[9]).toBe('P');
    expect(m.slice(10, 18)).toBe('87654321');
    expect(m.slice(23, 31)).toBe('00000650');
    expect(m.slice(31, 159).endsWith('RIF PAY-0001')).toBe(true);
    expect(m.slice(159)).toBe('00000000');
    expect(parseRequest(m)).toMatchObject({ code: 'P', amountCents: 650, receiptText: 'RIF PAY-0001' });
  });

  it('S/s/T/G have the documented lengths and codes', () => {
    expect(buildReversal(ids)).toBe('123456780S87654321000000' + '00');
    expect(buildReversal(ids, '42').slice(18, 24)).toBe('000042');
    expect(buildStatus(ids)).toBe('123456780s');
    expect(buildTotals(ids)).toHaveLength(26);
    expect(buildLastResult(ids)).toHaveLength(22);
    expect(buildLastResult(ids)[9]).toBe('G');
  });

  it('rejects values that would overflow a field or a bad reference', () => {
    expect(() => buildPayment(ids, 100_000_000, 'X')).toThrow(MessageError);
    expect(() => buildPayment(ids, 0, 'X')).toThrow(MessageError);
    expect(() => buildPayment(ids, 100, 'has space')).toThrow(MessageError);
    expect(() => buildPayment({ ...ids, terminalId: '123456789' }, 100, 'X')).toThrow(/terminal id/);
  });
});

describe('Protocollo 17 replies', () => {
  const ok: TxResult = {
    terminalId: '12345678',
    resultCode: '00',
    pan: '4111********1111',
    entryMode: 'ICC',
    authCode: 'ABC123',
    hostDateTime: '3261530',
    errorDescription: '',
    cardType: '2',
    acquirerId: 'ACQ',
    stan: '000042',
    onlineId: '000099',
    actionCode: '000',
    amountCents: 1234,
  };

  it('result round-trips through the padosoft offsets (PAN 13, STAN 60, amount 75)', () => {
    const p = buildResult(ok);
    expect(p.slice(9, 12)).toBe('E00');
    expect(p.slice(59, 65)).toBe('000042');
    expect(parseResult(p)).toEqual(ok);
    const ko = { ...ok, resultCode: '01', pan: '', entryMode: '', authCode: '', hostDateTime: '', errorDescription: 'CARTA RIFIUTATA', actionCode: '116' };
    expect(parseResult(buildResult(ko))).toEqual(ko);
  });

  it('maps results to CardResult with a masked PAN and never the full PAN', () => {
    const r = toCardResult({ ...ok, pan: '4111111111111111' }, 'PAY-1', 1234, '2026-11-22T09:00:00.000Z');
    expect(r).toMatchObject({ kind: 'approved', amountCents: 1234, maskedPan: '************1111', cardBrand: 'VISA', stan: '000042' });
    expect(JSON.stringify(r)).not.toContain('4111111111111111');
    expect(toCardResult({ ...ok, resultCode: '01', errorDescription: 'OPERAZIONE ANNULLATA' }, 'R', 1, '')).toEqual({ kind: 'aborted', reference: 'R' });
    expect(toCardResult({ ...ok, resultCode: '01', errorDescription: 'FONDI', actionCode: '116' }, 'R', 1, '')).toMatchObject({ kind: 'declined', code: '116' });
    expect(toCardResult({ ...ok, resultCode: '77' }, 'R', 1, '').kind).toBe('unknown');
    expect(maskPan('')).toBe('****************');
  });

  it('parses status and totals replies', () => {
    expect(parseStatusReply('123456780s' + '0'.repeat(10) + '2211261530' + '2' + 'V1.2.3')).toEqual({ terminalId: '12345678', dateTime: '2211261530', status: 2, softwareRelease: 'V1.2.3' });
    expect(parseTotalsReply('123456780T00' + '0000000000123456' + '000007')).toMatchObject({ resultCode: '00', totalCents: 123456, count: 7 });
  });
});
