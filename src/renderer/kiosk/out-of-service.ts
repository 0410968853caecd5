// Kiosk self-check (issue #6 §4): out of service when the node, printer or terminal cannot serve a
// payment — never take money that cannot be receipted (pos-practice.md §7.1 pagoPA caveat).
import type { Status } from '../../common/ipc/events';

export type OutOfServiceReason = 'node' | 'printer' | 'terminal' | 'unknown';

export function outOfService(s: Status | null): OutOfServiceReason[] {
  if (!s) return ['unknown'];
  const out: OutOfServiceReason[] = [];
  // Kiosks take no offline payments unless the policy allows it (config offline.kioskEnabled).
  if (!s.node.online && !(s.offline.allowed && s.offline.methods.includes('card'))) out.push('node');
  if (s.devices.printer.state === 'error' || s.devices.printer.state === 'disabled') out.push('printer');
  if (s.devices.terminal.state === 'error' || s.devices.terminal.state === 'disabled') out.push('terminal');
  return out;
}
