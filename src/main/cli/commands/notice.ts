// `sportello notice parse <payload>` and `sportello notice parse --notice "<18 digits>" --ec <cf>` (issue #2 §4).
import { CliError, printJson, type CliCommand } from '../command';
import { parseCliArgs } from '../args';
import { NoticeCodecError, parseManualNotice, parseNoticeCode, type ParsedNotice } from '../../../common/notice';
import { CameraError, decodeImageFile } from '../../../../drivers/camera/still-image';

const USAGE = `Usage:
  sportello notice parse '<scanned payload>'          QR code (PAGOPA|002|…) or Poste Data Matrix (codfase=NBPA;…)
  sportello notice parse --notice "<18 digits>" --ec <11-digit creditor fiscal code>
  sportello notice parse -                             read the payload from stdin
  sportello notice parse --image <photo.png|.jpg>      decode the QR / Data Matrix in a picture first

Prints one JSON object: format, noticeNumber, fiscalCode, amountCents, auxDigit, iuv, checkDigitOk, warnings, …
Exit 0 when parsed (warnings do not fail), 2 with a one-line reason when the input is not a valid notice.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function toJson(n: ParsedNotice): Record<string, unknown> {
  return {
    format: n.format,
    noticeNumber: n.noticeNumber,
    fiscalCode: n.fiscalCode,
    amountCents: n.amountCents,
    auxDigit: n.auxDigit,
    iuv: n.iuv,
    applicationCode: n.applicationCode,
    segregationCode: n.segregationCode,
    checkDigits: n.checkDigits,
    checkDigitOk: n.checkDigitOk,
    postalAccount: n.postalAccount,
    ...(n.format === 'datamatrix' ? { debtorFiscalCode: n.debtorFiscalCode ?? null, debtorName: n.debtorName ?? null, subject: n.subject ?? null } : {}),
    warnings: n.warnings,
  };
}

export const noticeCommand: CliCommand = {
  name: 'notice',
  summary: 'Parse a notice code (QR, Data Matrix or typed) and print it as JSON',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'parse') throw new CliError(sub ? `unknown sub-command "notice ${sub}" (see sportello notice --help)` : 'missing sub-command: sportello notice parse …');
    const { values, positionals } = parseCliArgs(rest, { notice: { type: 'string' }, ec: { type: 'string' }, image: { type: 'string' } });
    let parsed: ParsedNotice;
    try {
      if (values.image !== undefined) {
        if (positionals.length > 0 || values.notice !== undefined) throw new CliError('give either --image or a payload, not both');
        const found = await decodeImageFile(values.image);
        if (!found) throw new CliError(`no QR code or Data Matrix found in ${values.image}`);
        parsed = parseNoticeCode(found.text);
      } else if (values.notice !== undefined || values.ec !== undefined) {
        if (positionals.length > 0) throw new CliError('give either a scanned payload or --notice/--ec, not both');
        if (values.notice === undefined) throw new CliError('missing --notice "<18-digit notice number>"');
        if (values.ec === undefined) throw new CliError('missing --ec <11-digit creditor fiscal code>');
        parsed = parseManualNotice(values.notice, values.ec);
      } else {
        if (positionals.length !== 1)
          throw new CliError(
            positionals.length === 0
              ? 'missing payload: sportello notice parse "<payload>" (quote it: it contains |)'
              : `expected one payload, got ${positionals.length} arguments (quote the payload)`,
          );
        const payload = positionals[0] === '-' ? await readStdin() : (positionals[0] ?? '');
        parsed = parseNoticeCode(payload);
      }
    } catch (e) {
      if (e instanceof NoticeCodecError) throw new CliError(`invalid notice (${e.kind}): ${e.message}`);
      if (e instanceof CameraError) throw new CliError(`cannot read the image (${e.kind}): ${e.message}`);
      throw e;
    }
    printJson(io, toJson(parsed));
    return 0;
  },
};
