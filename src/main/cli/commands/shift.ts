// `sportello shift open|status|cash-in|cash-out` (issue #4 §5). Closing is `sportello report z`.
import { parseCliArgs, requireString } from '../args';
import { CliError, printJson, type CliCommand } from '../command';
import { checkPin, DB_FLAGS, euroFlag, pinFor, withShiftContext } from './shift-context';

const USAGE = `Usage:
  sportello shift open --operator ID --float EUR open a shift with a cash float (fondo cassa)
  sportello shift status                                          the open shift (or null) and its running totals
  sportello shift cash-in  --operator ID --amount EUR --reason TEXT    versamento into the drawer
  sportello shift cash-out --operator ID --amount EUR --reason TEXT    prelievo from the drawer
  Close the shift with: sportello report z --operator ID --counted EUR [--acknowledge]

Common options: --db FILE (default: SPORTELLO_DB or the data directory), --config FILE.
Amounts in euro: 150 · 150,00 · 1.234,56. The operator's PIN is read from standard input (one line, or a
hidden prompt on a terminal; never the command line), journaled, and counts towards lockout.
JSON on stdout. Exit 0 ok, 2 bad input, 3 storage error (also: the database is in use by another program,
e.g. the running terminal; status only reads and works meanwhile), 4 refused (shift already open, no shift, role).`;

const FLAGS = { ...DB_FLAGS, operator: { type: 'string' }, float: { type: 'string' }, amount: { type: 'string' }, reason: { type: 'string' } } as const;

export const shiftCommand: CliCommand = {
  name: 'shift',
  summary: 'Open a shift with a float, show it, record cash in/out',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parseCliArgs(rest, FLAGS, false);
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
    switch (sub) {
      case 'open': {
        const operator = requireString(values.operator, 'operator');
        const float = euroFlag(values.float, 'float');
        const pin = await pinFor(io, operator);
        return withShiftContext(values, async (ctx) => {
          await checkPin(ctx, operator, pin);
          printJson(io, { shift: ctx.shifts.open(operator, float) });
          return 0;
        });
      }
      case 'status':
        return withShiftContext(
          values,
          (ctx) => {
            const shift = ctx.shifts.current();
            printJson(io, {
              terminalId: ctx.terminalId,
              shift,
              ...(shift ? { report: ctx.shifts.xReport(), cashMovements: ctx.shifts.cashMovements(shift.id), closeWarnings: ctx.shifts.closeCheck().warnings } : {}),
              lastZ: ctx.shifts.zReports().at(-1) ?? null,
            });
            return 0;
          },
          { readOnly: true },
        ); // only reads: works while the terminal runs
      case 'cash-in':
      case 'cash-out': {
        const operator = requireString(values.operator, 'operator');
        const amount = euroFlag(values.amount, 'amount');
        const reason = requireString(values.reason, 'reason');
        const pin = await pinFor(io, operator);
        return withShiftContext(values, async (ctx) => {
          await checkPin(ctx, operator, pin);
          const shift = ctx.shifts.current();
          if (!shift) throw new CliError(`no shift is open on terminal ${ctx.terminalId} (sportello shift open …)`, 4);
          printJson(io, { movement: ctx.shifts.cashMovement(shift.id, sub === 'cash-in' ? 'in' : 'out', amount, reason, operator) });
          return 0;
        });
      }
      default:
        throw new CliError(sub ? `unknown sub-command "shift ${sub}" (see sportello shift --help)` : 'missing sub-command: sportello shift open|status|cash-in|cash-out');
    }
  },
};
