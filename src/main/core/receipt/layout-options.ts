// Receipt geometry and printer profile from the printer configuration (pos-practice.md §4: 80 mm =
// 48 columns / 576 dots, 58 mm = 32 columns (Font A) or 42 (Font B) / 384 dots).
import type { EncoderOptions } from '../../../../drivers/escpos-printer/encoder';
import type { DevicesConfig } from '../config/schema';

export type LayoutOptions = EncoderOptions;

export const DEFAULT_LAYOUT: LayoutOptions = { columns: 48, widthDots: 576, codePage: 'pc858', qrMode: 'native' };

export function layoutOptionsFor(printer: DevicesConfig['printer']): LayoutOptions {
  const is58 = printer.paperWidthMm === 58;
  const columns = printer.columns ?? (is58 ? 32 : 48);
  return {
    columns,
    widthDots: is58 ? 384 : 576,
    codePage: printer.codePage,
    qrMode: printer.qrMode,
    ...(printer.codeTable === undefined ? {} : { codeTable: printer.codeTable }),
  };
}

export function layoutFor(paperWidthMm: 58 | 80, overrides: Partial<LayoutOptions> = {}): LayoutOptions {
  return { ...(paperWidthMm === 58 ? { columns: 32, widthDots: 384 as const } : { columns: 48, widthDots: 576 as const }), codePage: 'pc858', qrMode: 'native', ...overrides };
}
