// Discovery for the technician: serial ports (ptys are never listed, toolchain.md §3) and HID
// devices (empty on this VM: no hidraw, toolchain.md §4). Failures are reported, not thrown.
import { SerialPort } from 'serialport';

export type DiscoveredSerial = { path: string; manufacturer: string | null; vendorId: string | null; productId: string | null; serialNumber: string | null };
export type DiscoveredHid = { path: string | null; vendorId: number; productId: number; product: string | null; manufacturer: string | null; usagePage: number | null };
export type Discovery = { serial: DiscoveredSerial[]; hid: DiscoveredHid[]; errors: string[] };

type HidDevice = { path?: string; vendorId: number; productId: number; product?: string; manufacturer?: string; usagePage?: number };

export async function discoverDevices(): Promise<Discovery> {
  const errors: string[] = [];
  let serial: DiscoveredSerial[] = [];
  try {
    serial = (await SerialPort.list()).map((p) => ({
      path: p.path,
      manufacturer: p.manufacturer ?? null,
      vendorId: p.vendorId ?? null,
      productId: p.productId ?? null,
      serialNumber: p.serialNumber ?? null,
    }));
  } catch (e) {
    errors.push(`serial: ${(e as Error).message}`);
  }
  let hid: DiscoveredHid[] = [];
  try {
    // node-hid is native and needs libusb (toolchain.md G3): load it lazily so a missing library
    // degrades discovery instead of breaking the CLI.
    const mod = (await import('node-hid')) as unknown as { devices?: () => HidDevice[]; default?: { devices(): HidDevice[] } };
    const devices = mod.devices ?? mod.default?.devices;
    if (!devices) throw new Error('node-hid has no devices()');
    hid = devices().map((d) => ({
      path: d.path ?? null,
      vendorId: d.vendorId,
      productId: d.productId,
      product: d.product ?? null,
      manufacturer: d.manufacturer ?? null,
      usagePage: d.usagePage ?? null,
    }));
  } catch (e) {
    errors.push(`hid: ${(e as Error).message}`);
  }
  return { serial, hid, errors };
}
