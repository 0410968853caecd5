// DeviceManager.health() (one row per device, core shape) → the IPC's deviceHealthSchema (one status per
// role, with a machine code the renderer translates). Adapter suggested by the device engineer.
import type { DeviceHealth as IpcHealth, DeviceStatus } from '../../common/ipc/devices';
import type { SportelloConfig } from '../core/config/schema';
import type { DeviceHealthRow as DeviceHealth } from '../core/devices/device-ports';

function codeOf(detail: string): string | null {
  const d = detail.toLowerCase();
  if (d.includes('paper-out') || d.includes('paper out') || d.includes('paper end')) return 'paper-out';
  if (d.includes('cover')) return 'cover-open';
  if (d.startsWith('busy')) return 'busy';
  if (d.includes('offline')) return 'offline';
  return null;
}

export function toDeviceStatus(h: DeviceHealth | undefined, name: string, enabled: boolean): DeviceStatus {
  if (!enabled) return { name, state: 'disabled', code: null, detail: null };
  if (!h) return { name, state: 'unknown', code: null, detail: 'not started' };
  if (h.detail === 'not checked yet') return { name: h.name, state: 'unknown', code: null, detail: h.detail };
  if (!h.connected) return { name: h.name, state: 'error', code: 'disconnected', detail: h.lastError ?? h.detail };
  if (h.paper === 'out') return { name: h.name, state: 'error', code: 'paper-out', detail: h.detail };
  if (!h.ready) {
    const code = codeOf(h.detail);
    // A terminal busy with our own payment is not broken (the kiosk must not go out of service mid-payment).
    return { name: h.name, state: code === 'busy' ? 'warning' : 'error', code: code ?? 'not-ready', detail: h.detail };
  }
  if (h.paper === 'near-end') return { name: h.name, state: 'warning', code: 'paper-near-end', detail: h.detail };
  return { name: h.name, state: 'ok', code: null, detail: h.detail };
}

/**
 * The drawer's one state (issue #11 §8: "pronto · drawer open" said two things): when the printer reports
 * the drawer sensor, the code is the drawer's position (open is worth a look, closed is fine) and no
 * separate detail repeats it; a fault of the printer stays the drawer's fault.
 */
export function drawerStatus(s: DeviceStatus): DeviceStatus {
  if (s.state !== 'ok') return s;
  if (s.detail === 'open') return { ...s, state: 'warning', code: 'drawer-open', detail: null };
  if (s.detail === 'closed') return { ...s, code: 'drawer-closed', detail: null };
  return s;
}

export function toIpcHealth(rows: readonly DeviceHealth[], config: SportelloConfig, now: number): IpcHealth {
  const d = config.devices;
  const byRole = (role: DeviceHealth['role']) => rows.find((r) => r.role === role);
  return {
    printer: toDeviceStatus(byRole('printer'), 'printer', d.printer.enabled),
    terminal: toDeviceStatus(byRole('terminal'), 'terminal', d.terminal.enabled),
    drawer: drawerStatus(toDeviceStatus(byRole('drawer'), 'drawer', d.drawer.enabled && d.printer.enabled)),
    scanners: rows.filter((r) => r.role === 'scanner').map((r) => toDeviceStatus(r, r.name, true)),
    checkedAt: new Date(now).toISOString(),
  };
}
