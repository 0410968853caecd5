// Receipt geometry and printer profile from the printer configuration (pos-practice.md §4: 80 mm =
// 48 columns / 576 dots, 58 mm = 32 columns (Font A) or 42 (Font B) / 384 dots).
import type { EncoderOptions } from '../../../../drivers/escpos-printer/encoder';
import { PrinterError } from '../../../../drivers/escpos-printer/errors';
import { loadLogo } from '../../../../drivers/escpos-printer/logo';
import type { DevicesConfig } from '../config/schema';
import { silentLogger, type Logger } from '../log/logger';

export type LayoutOptions = EncoderOptions;

export const DEFAULT_LAYOUT: LayoutOptions = { columns: 48, widthDots: 576, codePage: 'pc858', qrMode: 'native' };

/**
 * Layout options for the configured printer. The logo PNG (devices.printer.logo) is read and dithered
 * here, once: callers keep the result for every receipt. An unusable logo file is logged and the
 * receipts print without it — a missing picture must not stop the counter taking payments.
 */
export function layoutOptionsFor(printer: DevicesConfig['printer'], logger: Logger = silentLogger): LayoutOptions {
  const is58 = printer.paperWidthMm === 58;
  const columns = printer.columns ?? (is58 ? 32 : 48);
  const widthDots = is58 ? 384 : 576;
  const opts: LayoutOptions = {
    columns,
    widthDots,
    codePage: printer.codePage,
    qrMode: printer.qrMode,
    ...(printer.codeTable === undefined ? {} : { codeTable: printer.codeTable }),
  };
  if (printer.logo) {
    try {
      opts.logo = loadLogo(printer.logo.file, Math.min(widthDots, printer.logo.widthDots ?? widthDots));
    } catch (err) {
      if (!(err instanceof PrinterError)) throw err;
      logger.warn('receipt logo unusable, printing without it', { kind: err.kind, file: printer.logo.file, reason: err.message });
    }
  }
  return opts;
}

export function layoutFor(paperWidthMm: 58 | 80, overrides: Partial<LayoutOptions> = {}): LayoutOptions {
  return { ...(paperWidthMm === 58 ? { columns: 32, widthDots: 384 as const } : { columns: 48, widthDots: 576 as const }), codePage: 'pc858', qrMode: 'native', ...overrides };
}
