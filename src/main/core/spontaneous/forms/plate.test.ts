import { describe, expect, it } from 'vitest';
import { normalizePlate, plateError, vehicleTypeError } from './plate';
import { tassaAutomobilisticaForm as form } from './tassa-automobilistica';

const code = (plate: string, type: string) => plateError(normalizePlate(plate), type)?.code ?? null;

describe('Italian plates per vehicle type (issue #13 §2)', () => {
  it('accepts the formats people carry', () => {
    expect(code('AB123CD', '1')).toBeNull();
    expect(code('ab 123 cd', '1')).toBeNull();
    expect(code('GH-456-JK', '1')).toBeNull();
    expect(code('RM123456', '1')).toBeNull(); // provincial series before 1994
    expect(code('MI A12345', '1')).toBeNull();
    expect(code('XA123BC', '2')).toBeNull();
    expect(code('AB12345', '4')).toBeNull();
  });

  it('names each mistake', () => {
    expect(code('', '1')).toBe('plate-empty');
    expect(code('AB12€CD', '1')).toBe('plate-characters');
    expect(code('AB1234', '1')).toBe('plate-moped');
    expect(code('AB12', '1')).toBe('plate-too-short');
    expect(code('AB123CDEF', '1')).toBe('plate-too-long');
    expect(code('AB12345', '1')).toBe('plate-is-moto');
    expect(code('XA123BC', '1')).toBe('plate-is-trailer');
    expect(code('AB123CD', '2')).toBe('plate-is-car');
    expect(code('AB123CD', '4')).toBe('plate-is-car');
    expect(code('AB1O3CD', '1')).toBe('plate-letters-ioqu');
    expect(code('ABC123D', '1')).toBe('plate-format-car');
    expect(code('XA12BCD', '2')).toBe('plate-format-trailer');
    expect(code('AB1234C', '4')).toBe('plate-format-moto');
    expect(vehicleTypeError('3')?.code).toBe('vehicle-type');
    expect(vehicleTypeError('1')).toBeNull();
  });

  it('every message exists in Italian and English and differs', () => {
    for (const [p, t] of [
      ['', '1'],
      ['AB1234', '1'],
      ['AB12345', '1'],
      ['AB1O3CD', '1'],
      ['XA12BCD', '2'],
    ] as const) {
      const e = plateError(normalizePlate(p), t);
      expect(e?.message.it.length).toBeGreaterThan(10);
      expect(e?.message.en.length).toBeGreaterThan(10);
      expect(e?.message.it).not.toBe(e?.message.en);
    }
  });

  it('the form reports the vehicle type first and builds only valid plates', () => {
    expect(form.validate(form.normalize({ vehicleType: '3', plate: 'AB123CD' })).map((e) => e.field)).toEqual(['vehicleType']);
    expect(form.validate(form.normalize({ vehicleType: '1', plate: 'ab-123-cd' }))).toEqual([]);
    expect(form.buildXml(form.normalize({ vehicleType: '1', plate: 'ab-123-cd' }))).toContain('<ta:veicoloTarga>AB123CD</ta:veicoloTarga>');
  });
});
