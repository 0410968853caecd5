// Errors of the device manager layer. Callers branch on `kind`.
export type DeviceErrorKind = 'invalid-config' | 'not-configured' | 'unavailable' | 'timeout' | 'driver';

export class DeviceError extends Error {
  override readonly name = 'DeviceError';
  constructor(
    readonly kind: DeviceErrorKind,
    message: string,
  ) {
    super(message);
  }
}
