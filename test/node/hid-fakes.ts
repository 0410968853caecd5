// A fake node-hid backend for HID-POS scanner tests: this VM has no uhid/hidraw (toolchain.md §4), so
// the device behind HidScanner's HidBackend/HidDeviceLike interfaces is an object the test drives.
import { EventEmitter } from 'node:events';
import type { HidBackend, HidDeviceInfo, HidDeviceLike } from '../../drivers/scanner/hid-scanner';

export class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  closed = false;
  features: number[][] = [];
  sendFeatureReport(data: number[] | Buffer): number {
    this.features.push([...data]);
    return data.length;
  }
  close(): void {
    this.closed = true;
  }
  report(r: Uint8Array): void {
    this.emit('data', Buffer.from(r));
  }
}

export class FakeHidBackend implements HidBackend {
  list: HidDeviceInfo[] = [];
  opened: FakeHidDevice[] = [];
  devices(): HidDeviceInfo[] {
    return this.list;
  }
  open(path: string): HidDeviceLike {
    if (!this.list.some((d) => d.path === path)) throw new Error(`cannot open device ${path}`);
    const d = new FakeHidDevice();
    this.opened.push(d);
    return d;
  }
}

/** A Honeywell scanner (HID-POS needs feature report 0xFE to start sending, hid-scanner.ts). */
export const HONEYWELL = { vendorId: 0x0c2e, productId: 0x0b8f };
