import { describe, expect, it } from 'vitest';
import { createScanner } from './create-scanner';
import { HidScanner } from './hid-scanner';
import { SerialScanner } from './serial-scanner';
import { ScannerError } from './scanner';

describe('createScanner', () => {
  it('maps config transports to drivers', () => {
    expect(createScanner({ name: 's', transport: { type: 'serial', path: '/dev/ttyACM0', baudRate: 115200 }, suffix: '\r' })).toBeInstanceOf(SerialScanner);
    expect(createScanner({ name: 'h', transport: { type: 'hid', vendorId: 0x0c2e, productId: 0x0b8f } })).toBeInstanceOf(HidScanner);
    expect(createScanner({ name: 'w', transport: { type: 'wedge' } })).toBeNull();
    expect(() => createScanner({ name: 't', transport: { type: 'tcp', host: 'x', port: 1 } })).toThrow(ScannerError);
  });

  it("'virtual' is the virtual lab's serial scanner, and needs the lab's pty", () => {
    expect(createScanner({ name: 'v', transport: { type: 'virtual' } }, { virtualSerialPath: '/tmp/lab-scanner' })).toBeInstanceOf(SerialScanner);
    let err: unknown;
    try {
      createScanner({ name: 'v', transport: { type: 'virtual' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScannerError);
    expect((err as ScannerError).kind).toBe('not-found');
    expect((err as ScannerError).message).toMatch(/virtual device lab/);
  });
});
