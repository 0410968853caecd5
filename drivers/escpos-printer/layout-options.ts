// Receipt geometry and printer profile from the printer configuration (pos-practice.md §4: 80 mm =
// 48 columns / 576 dots, 58 mm = 32 columns (Font A) or 42 (Font B) / 384 dots), with the ESC/POS
// encoder that writes for it: what the core's receipt layout (src/main/core/receipt) is given.
import { nullLogger, type Logger } from '../../src/common/logger';
import { ReceiptEncoder } from './encoder';
import { PrinterError } from './errors';
import type { EncoderOptions, LayoutOptions } from './interface';
import { loadLogo } from './logo';

export type { LayoutOptions } from './interface';

/** The printer section of the configuration as the layout reads it (structural: drivers may not import src/main). */
export type PrinterProfileConfig = {
  paperWidthMm: 58 | 80;
  columns?: number | undefined;
  codePage: EncoderOptions['codePage'];
  codeTable?: number | undefined;
  qrMode: EncoderOptions['qrMode'];
  logo?: { file: string; widthDots?: number | undefined } | undefined;
};

/** The encoder factory every LayoutOptions made here carries. */
export const createEscPosEncoder = (opts: EncoderOptions): ReceiptEncoder => new ReceiptEncoder(opts);

/**
 * Layout options for the configured printer. The logo PNG (devices.printer.logo) is read and dithered
 * here, once: callers keep the result for every receipt. An unusable logo file is logged and the
 * receipts print without it — a missing picture must not stop the counter taking payments.
 */
export function layoutOptionsFor(printer: PrinterProfileConfig, logger: Logger = nullLogger): LayoutOptions {
  const is58 = printer.paperWidthMm === 58;
  const columns = printer.columns ?? (is58 ? 32 : 48);
  const widthDots = is58 ? 384 : 576;
  const opts: LayoutOptions = {
    columns,
    widthDots,
    codePage: printer.codePage,
    qrMode: printer.qrMode,
    createEncoder: createEscPosEncoder,
    ...(printer.codeTable === undefined ? {} : { codeTable: printer.codeTable }),
  };
  if (printer.logo) {
    try {
      return { ...opts, logo: loadLogo(printer.logo.file, Math.min(widthDots, printer.logo.widthDots ?? widthDots)) };
    } catch (err) {
      if (!(err instanceof PrinterError)) throw err;
      logger.warn('receipt logo unusable, printing without it', { kind: err.kind, file: printer.logo.file, reason: err.message });
    }
  }
  return opts;
}

export function layoutFor(paperWidthMm: 58 | 80, overrides: Partial<EncoderOptions> = {}): LayoutOptions {
  return {
    ...(paperWidthMm === 58 ? { columns: 32, widthDots: 384 as const } : { columns: 48, widthDots: 576 as const }),
    codePage: 'pc858',
    qrMode: 'native',
    createEncoder: createEscPosEncoder,
    ...overrides,
  };
}
