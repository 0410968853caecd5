// Builds the 'status/changed' payload and the kiosk self-check from what the core knows right now.
import type { Status } from '../../common/ipc/events';
import type { DeviceHealth, DeviceStatus } from '../../common/ipc/devices';
import type { SportelloConfig } from '../core/config/schema';

export type KioskReason = 'node' | 'printer' | 'terminal';
export type KioskAvailability = { available: boolean; reasons: KioskReason[] };

const unknownDevice = (name: string, enabled: boolean): DeviceStatus => ({
  name,
  state: enabled ? 'unknown' : 'disabled',
  code: null,
  detail: enabled ? 'no device service attached' : null,
});

/** Device health when no device manager is attached: honest 'unknown', never a made-up 'ok'. */
export function unknownDeviceHealth(config: SportelloConfig, now: number): DeviceHealth {
  return {
    printer: unknownDevice('printer', config.devices.printer.enabled),
    terminal: unknownDevice('terminal', config.devices.terminal.enabled),
    drawer: unknownDevice('drawer', config.devices.drawer.enabled),
    scanners: config.devices.scanners.map((s) => unknownDevice(s.name, true)),
    checkedAt: new Date(now).toISOString(),
  };
}

const cannotServe = (s: DeviceStatus) => s.state === 'error' || s.state === 'disabled';

/**
 * Kiosk rules (pos-practice.md §7.1 pagoPA caveat: never take money that cannot be receipted): out of
 * service when the node is unreachable (unless offline is allowed for kiosks with a kiosk method), or
 * the printer or the card terminal cannot serve. Same rule as src/renderer/kiosk/out-of-service.ts.
 */
export function kioskAvailability(config: SportelloConfig, nodeOnline: boolean, devices: DeviceHealth): KioskAvailability {
  const reasons: KioskReason[] = [];
  const offlineOk = config.offline.kioskEnabled && config.app.kioskMethods.some((m) => config.offline.methods.includes(m));
  if (!nodeOnline && !offlineOk) reasons.push('node');
  if (cannotServe(devices.printer)) reasons.push('printer');
  if (config.app.kioskMethods.includes('card') && cannotServe(devices.terminal)) reasons.push('terminal');
  return { available: reasons.length === 0, reasons };
}

export function buildStatus(input: {
  config: SportelloConfig;
  mode: 'counter' | 'kiosk';
  node: { online: boolean; checkedAt: string | null };
  devices: DeviceHealth;
  queue: { pending: number; failed: number };
  exceptionsOpen: number;
  offlineExposureCents: number;
  shiftOpen: boolean;
}): Status {
  const { config, mode } = input;
  const allowed = mode === 'kiosk' ? config.offline.kioskEnabled : config.offline.counterEnabled;
  const status: Status = {
    node: input.node,
    queue: input.queue,
    exceptions: { open: input.exceptionsOpen },
    devices: input.devices,
    offline: {
      allowed,
      methods: [...config.offline.methods],
      maxAmountCents: config.offline.maxAmountCents,
      remainingTotalCents: Math.max(0, config.offline.maxTotalCents - input.offlineExposureCents),
    },
    shiftOpen: input.shiftOpen,
  };
  if (mode === 'kiosk') status.kiosk = kioskAvailability(config, input.node.online, input.devices);
  return status;
}
