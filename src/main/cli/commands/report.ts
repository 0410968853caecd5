// `sportello report x|z` (issue #4 §6): X = running totals of the open shift; Z = close the shift and
// issue the next numbered, immutable Z report. JSON on stdout.
import { parseCliArgs, requireString } from '../args';
import { CliError, printJson, type CliCommand } from '../command';
import { closeWarningMessage, reportLayout } from '../../core/shifts/report-lines';
import { checkPin, DB_FLAGS, euroFlag, pinFor, withShiftContext } from './shift-context';

const USAGE = `Usage:
  sportello report x [--shift ID] [--lang it|en]
      running totals of the open shift (or of shift ID): totals by method, fees, cash expected,
      offline pending, open exceptions, undelivered outcomes. Changes nothing.
  sportello report z --operator ID --counted EUR [--acknowledge] [--lang it|en]   (PIN on standard input)
      closes the open shift with the counted cash and issues the next Z report (numbered per terminal,
      immutable, journaled). Refused (exit 4, reason on stderr) when outcomes are undelivered, exceptions
      are open or offline payments are pending, unless --acknowledge is given by a supervisor.
  sportello report z --number N      print a stored Z report as issued (with "intact": hash check)
  sportello report z --list          list the Z reports of this terminal

Common options: --db FILE, --config FILE. With --lang the JSON includes "print": {title, lines, footer}.
Exit 0 ok, 2 bad input, 3 storage error (also: the database is in use by another program, e.g. the running
terminal — report x and stored Z reports only read and work meanwhile), 4 refused.`;

const FLAGS = {
  ...DB_FLAGS,
  operator: { type: 'string' },
  counted: { type: 'string' },
  acknowledge: { type: 'boolean' },
  shift: { type: 'string' },
  number: { type: 'string' },
  list: { type: 'boolean' },
  lang: { type: 'string' },
} as const;

/** X reports and stored Z reports only read: they work while the terminal runs (issue #9 §3). */
const READ_ONLY = { readOnly: true } as const;

function lang(value: string | undefined): 'it' | 'en' | null {
  if (value === undefined) return null;
  if (value !== 'it' && value !== 'en') throw new CliError('--lang must be it or en');
  return value;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new CliError(`--${flag} must be a positive whole number`);
  return n;
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'X report (running totals) or Z report (close the shift)',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parseCliArgs(rest, FLAGS, false);
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
    const printLang = lang(values.lang);
    if (sub === 'x') {
      const shiftId = values.shift === undefined ? undefined : positiveInt(values.shift, 'shift');
      return withShiftContext(
        values,
        (ctx) => {
          if (shiftId === undefined && !ctx.shifts.current()) throw new CliError(`no shift is open on terminal ${ctx.terminalId}`, 4);
          const report = ctx.shifts.xReport(shiftId);
          printJson(io, printLang ? { ...report, print: reportLayout(report, printLang) } : report);
          return 0;
        },
        READ_ONLY,
      );
    }
    if (sub === 'z') {
      if (values.list) return withShiftContext(values, (ctx) => (printJson(io, ctx.shifts.zReports()), 0), READ_ONLY);
      if (values.number !== undefined) {
        const n = positiveInt(values.number, 'number');
        return withShiftContext(
          values,
          (ctx) => {
            const z = ctx.shifts.zReport(n);
            if (!z) throw new CliError(`no Z report number ${n} on terminal ${ctx.terminalId}`, 4);
            printJson(io, printLang ? { ...z, print: reportLayout(z, printLang) } : z);
            return z.intact ? 0 : 4;
          },
          READ_ONLY,
        );
      }
      const operator = requireString(values.operator, 'operator');
      const counted = euroFlag(values.counted, 'counted');
      const pin = await pinFor(io, operator);
      return withShiftContext(values, async (ctx) => {
        await checkPin(ctx, operator, pin);
        const z = ctx.shifts.close(operator, counted, { acknowledgeWarnings: values.acknowledge === true });
        if (z.warnings.length > 0) io.stderr(`WARNING: Z ${z.number} closed over: ${z.warnings.map((w) => closeWarningMessage(w, z, 'en')).join('; ')}\n`);
        printJson(io, printLang ? { ...z, print: reportLayout(z, printLang) } : z);
        return 0;
      });
    }
    throw new CliError(sub ? `unknown report "${sub}" (x or z)` : 'missing report kind: sportello report x|z');
  },
};
