// Role → driver + transport checks with messages a technician can act on (issue #5 §5).
import type { DevicesConfig, TransportConfig } from '../config/schema';
import { DeviceError } from './errors';

const ALLOWED: Record<'printer' | 'terminal' | 'scanner', readonly TransportConfig['type'][]> = {
  printer: ['virtual', 'tcp', 'serial', 'file'],
  terminal: ['virtual', 'tcp', 'serial'],
  scanner: ['virtual', 'serial', 'hid', 'wedge'],
};

export function describeTransport(t: TransportConfig): string {
  switch (t.type) {
    case 'virtual':
      return 'virtual';
    case 'tcp':
      return `tcp://${t.host}:${t.port}`;
    case 'serial':
      return `serial:${t.path}@${t.baudRate}`;
    case 'file':
      return `file:${t.path}`;
    case 'hid':
      return `hid:${t.vendorId.toString(16).padStart(4, '0')}:${t.productId.toString(16).padStart(4, '0')}`;
    case 'wedge':
      return 'keyboard wedge';
  }
}

/** Every problem, not just the first: the technician fixes the file once. */
export function devicesConfigIssues(c: DevicesConfig): string[] {
  const issues: string[] = [];
  const check = (where: string, role: keyof typeof ALLOWED, t: TransportConfig) => {
    if (!ALLOWED[role].includes(t.type)) issues.push(`${where}.transport: "${t.type}" is not a ${role} transport (use ${ALLOWED[role].join(', ')})`);
  };
  if (c.printer.enabled) check('devices.printer', 'printer', c.printer.transport);
  if (c.terminal.enabled) check('devices.terminal', 'terminal', c.terminal.transport);
  const names = new Set<string>();
  c.scanners.forEach((s, i) => {
    check(`devices.scanners[${i}]`, 'scanner', s.transport);
    if (names.has(s.name)) issues.push(`devices.scanners[${i}].name: "${s.name}" is used twice`);
    names.add(s.name);
  });
  if (c.drawer.enabled && !c.printer.enabled) issues.push('devices.drawer: the cash drawer is kicked through the printer, which is disabled');
  // One serial port can serve one role only.
  const serialUsers = new Map<string, string>();
  const claim = (where: string, t: TransportConfig) => {
    if (t.type !== 'serial') return;
    const prev = serialUsers.get(t.path);
    if (prev) issues.push(`${where}.transport.path: ${t.path} is already used by ${prev}`);
    else serialUsers.set(t.path, where);
  };
  if (c.printer.enabled) claim('devices.printer', c.printer.transport);
  if (c.terminal.enabled) claim('devices.terminal', c.terminal.transport);
  c.scanners.forEach((s, i) => claim(`devices.scanners[${i}]`, s.transport));
  return issues;
}

export function assertDevicesConfig(c: DevicesConfig): void {
  const issues = devicesConfigIssues(c);
  if (issues.length > 0) throw new DeviceError('invalid-config', `invalid device configuration: ${issues.join('; ')}`);
}
