// `sportello receipt render|sample`: the virtual printer's renderer on files (issue #5 §3).
import fs from 'node:fs';
import { interpretEscPos } from '../../../../drivers/escpos-printer/interpreter';
import { renderOpsToPng } from '../../../../drivers/escpos-printer/render-png';
import { layoutFor } from '../../../../drivers/escpos-printer/layout-options';
import { layoutReceipt, layoutReport, layoutTestPage } from '../../core/receipt/receipt-layout';
import { samplePaymentReceipt, sampleProvisionalReceipt, sampleReport, sampleVoidReceipt } from '../../core/receipt/sample-receipts';
import { parseCliArgs, requireString } from '../args';
import { CliError, printJson, type CliCommand } from '../command';

const USAGE = `Usage:
  sportello receipt render --input FILE.bin --out FILE.png [--width 384|576]
      Interprets an ESC/POS byte stream and draws the paper roll (default width 576 dots = 80 mm).
  sportello receipt sample --out FILE.bin [--kind payment|provisional|void|report|test-page] [--paper 58|80] [--qr native|raster] [--copy]
      Writes the ESC/POS bytes of a sample document (for demos and printer tests).
`;

export const receiptCommand: CliCommand = {
  name: 'receipt',
  summary: 'Render ESC/POS bytes to a PNG of the paper roll; write sample receipts',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'render') {
      const { values } = parseCliArgs(rest, { input: { type: 'string' }, out: { type: 'string' }, width: { type: 'string' } }, false);
      const input = requireString(values.input, 'input');
      const out = requireString(values.out, 'out');
      const width = Number(values.width ?? '576');
      if (width !== 384 && width !== 576) throw new CliError('--width must be 384 or 576');
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(input);
      } catch (err) {
        throw new CliError(`cannot read ${input}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      const ops = interpretEscPos(bytes);
      const png = renderOpsToPng(ops, { widthDots: width });
      try {
        fs.writeFileSync(out, png);
      } catch (err) {
        throw new CliError(`cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 1);
      }
      const count = (k: string) => ops.filter((o) => o.op === k).length;
      printJson(io, {
        out,
        widthDots: width,
        inputBytes: bytes.length,
        pngBytes: png.length,
        lines: count('line'),
        qr: count('qr'),
        raster: count('raster'),
        barcodes: count('barcode'),
        cuts: count('cut'),
        drawerPulses: count('pulse'),
        unknown: count('unknown'),
      });
      return 0;
    }
    if (sub === 'sample') {
      const { values } = parseCliArgs(rest, { out: { type: 'string' }, kind: { type: 'string' }, paper: { type: 'string' }, qr: { type: 'string' }, copy: { type: 'boolean' } }, false);
      const out = requireString(values.out, 'out');
      const paper = Number(values.paper ?? '80');
      if (paper !== 58 && paper !== 80) throw new CliError('--paper must be 58 or 80');
      const qr = values.qr ?? 'native';
      if (qr !== 'native' && qr !== 'raster') throw new CliError('--qr must be native or raster');
      const layout = layoutFor(paper, { qrMode: qr });
      const kind = values.kind ?? 'payment';
      const copy = values.copy === true;
      let bytes: Uint8Array;
      if (kind === 'payment') bytes = layoutReceipt(samplePaymentReceipt({ copy }), layout);
      else if (kind === 'provisional') bytes = layoutReceipt(sampleProvisionalReceipt({ copy }), layout);
      else if (kind === 'void') bytes = layoutReceipt(sampleVoidReceipt({ copy }), layout);
      else if (kind === 'report') bytes = layoutReport({ ...sampleReport(), copy }, layout);
      else if (kind === 'test-page') bytes = layoutTestPage({ issuedAt: new Date().toISOString(), terminalId: 'T01' }, layout);
      else throw new CliError(`unknown --kind ${kind} (payment, provisional, void, report, test-page)`);
      try {
        fs.writeFileSync(out, bytes);
      } catch (err) {
        throw new CliError(`cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 1);
      }
      printJson(io, { out, kind, paperWidthMm: paper, widthDots: layout.widthDots, bytes: bytes.length });
      return 0;
    }
    throw new CliError(sub ? `unknown sub-command "receipt ${sub}" (render, sample)` : 'missing sub-command (render, sample); see sportello receipt --help');
  },
};
