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
});
