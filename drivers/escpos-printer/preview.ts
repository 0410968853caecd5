// The receipt preview: job bytes → what the paper looks like (the interpreter replays the ESC/POS,
// render-png draws it). The composition root hands it to the core's PrintService as a ReceiptPreviewer.
import type { ReceiptPreviewer } from './interface';
import { interpretEscPos } from './interpreter';
import { renderOpsToPng } from './render-png';

export const escPosPreviewer: ReceiptPreviewer = {
  previewPng: (bytes, opts) => renderOpsToPng(interpretEscPos(bytes), { widthDots: opts.widthDots }),
};
