// HID POS "Scanned Data Report" (usage page 0x8C Bar Code Scanner, usage 0x12; HID Point of Sale Usage
// Tables 1.02, pos-practice.md §5). The table defines the usages (Symbology Identifier 1–3 = 0x91–0x93,
// Decoded Data 0xFE, Decoded Data Continued 0xFF); scanners lay them out in a 64-byte input report.
// Default layout (Honeywell, also used by NielsLeenheer/WebHidBarcodeScanner):
//   [0] report id 0x02 · [1] data length · [2..4] AIM symbology id · [5..60] decoded data (56 bytes)
//   [61] vendor code id · [62] reserved · [63] Decoded Data Continued (non-zero: more reports follow)
import { ScannerError } from './scanner';

export type HidPosLayout = {
  reportId: number;
  lengthOffset: number;
  aimOffset: number;
  dataOffset: number;
  maxData: number;
  continuedOffset: number;
  vendorIdOffset: number | null;
};

export const HONEYWELL_HID_POS_LAYOUT: HidPosLayout = { reportId: 0x02, lengthOffset: 1, aimOffset: 2, dataOffset: 5, maxData: 56, continuedOffset: 63, vendorIdOffset: 61 };

export type HidPosChunk = { aim: string; data: Uint8Array; continued: boolean; vendorCodeId: number | null };

/** One input report as node-hid delivers it (report id first). Returns null for other report ids. */
export function parseHidPosReport(report: Uint8Array, layout: HidPosLayout = HONEYWELL_HID_POS_LAYOUT): HidPosChunk | null {
  if (report.length === 0) throw new ScannerError('report-malformed', 'empty HID report');
  if (report[0] !== layout.reportId) return null;
  if (report.length <= layout.continuedOffset) {
    throw new ScannerError('report-malformed', `HID scanned-data report has ${report.length} bytes, expected at least ${layout.continuedOffset + 1}`);
  }
  const len = report[layout.lengthOffset] ?? 0;
  if (len > layout.maxData) throw new ScannerError('report-malformed', `HID scanned-data report declares ${len} data bytes, at most ${layout.maxData} fit`);
  const aim = String.fromCharCode(...report.subarray(layout.aimOffset, layout.aimOffset + 3));
  return {
    aim: aim.replace(/\0/g, ''),
    data: report.slice(layout.dataOffset, layout.dataOffset + len),
    continued: (report[layout.continuedOffset] ?? 0) !== 0,
    vendorCodeId: layout.vendorIdOffset === null ? null : (report[layout.vendorIdOffset] ?? null),
  };
}

/** Joins continued reports into one read (a 256-char Data Matrix needs 5 reports). */
export class HidPosAssembler {
  private parts: Uint8Array[] = [];
  private aim = '';
  private size = 0;

  constructor(
    private readonly layout: HidPosLayout = HONEYWELL_HID_POS_LAYOUT,
    private readonly maxBytes = 4096,
  ) {}

  /** Feeds one report; returns the complete read (text and AIM id) when the last report arrives. */
  push(report: Uint8Array): { text: string; aim: string } | null {
    const chunk = parseHidPosReport(report, this.layout);
    if (!chunk) return null;
    if (this.parts.length === 0) this.aim = chunk.aim;
    this.parts.push(chunk.data);
    this.size += chunk.data.length;
    if (this.size > this.maxBytes) {
      this.reset();
      throw new ScannerError('report-malformed', `HID read longer than ${this.maxBytes} bytes, dropped`);
    }
    if (chunk.continued) return null;
    const all = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    const aim = this.aim;
    this.reset();
    return { text: decodeBytes(all), aim };
  }

  reset(): void {
    this.parts = [];
    this.size = 0;
    this.aim = '';
  }
}

function decodeBytes(b: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return String.fromCharCode(...b);
  }
}

/** Builds reports for a payload (tests and virtual devices). */
export function encodeHidPosReports(text: string, aim = ']Q1', layout: HidPosLayout = HONEYWELL_HID_POS_LAYOUT): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length || out.length === 0; at += layout.maxData) {
    const part = bytes.subarray(at, at + layout.maxData);
    const r = new Uint8Array(layout.continuedOffset + 1);
    r[0] = layout.reportId;
    r[layout.lengthOffset] = part.length;
    r.set(new TextEncoder().encode(aim.slice(0, 3)), layout.aimOffset);
    r.set(part, layout.dataOffset);
    r[layout.continuedOffset] = at + layout.maxData < bytes.length ? 1 : 0;
    out.push(r);
  }
  return out;
}
