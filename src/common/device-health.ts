// What every driver's health() reports (printer, scanner, card terminal). The device manager adds the
// role, readiness and a detail line per device (core/devices/device-ports.ts DeviceHealthRow).

export type DeviceHealth = {
  connected: boolean;
  lastError: string | null;
  /** Clock time (ms) the device last answered or sent something; null = never. */
  lastSeen: number | null;
};
