// `sportello operators list|add|unlock|reset-pin` (issue #4 §5). The CLI acts as the operator named by
// --by; it runs on the terminal itself, whose shell user can read the database file anyway.
import { parseCliArgs, requireString } from '../args';
import { CliError, printJson, type CliCommand } from '../command';
import { isRole } from '../../core/operators/roles';
import { checkPin, DB_FLAGS, withShiftContext } from './shift-context';

const USAGE = `Usage:
  sportello operators list
  sportello operators add --id ID --name "Full Name" --role clerk|supervisor|technician --pin PIN --by SUPERVISOR [--by-pin PIN]
  sportello operators unlock --id ID --by SUPERVISOR [--by-pin PIN]
  sportello operators reset-pin --id ID --pin NEWPIN --by SUPERVISOR [--by-pin PIN]   (must change at next login)

First run: an empty database gets the installer account "tech" (technician, PIN 000000, must be changed).
The embedded demo configuration (no node URL) also gets "mario" (clerk, 1234) and "anna" (supervisor, 5678).
Common options: --db FILE, --config FILE. JSON on stdout; PINs and hashes are never printed.
Exit 0 ok, 2 bad input, 3 storage error, 4 refused (role, unknown operator, duplicate).`;

const FLAGS = { ...DB_FLAGS, id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, pin: { type: 'string' }, by: { type: 'string' }, 'by-pin': { type: 'string' } } as const;

export const operatorsCommand: CliCommand = {
  name: 'operators',
  summary: 'List, add, unlock operators (PIN, role, lockout)',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parseCliArgs(rest, FLAGS, false);
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
    switch (sub) {
      case 'list':
        return withShiftContext(values, (ctx) => (printJson(io, ctx.operators.list()), 0));
      case 'add': {
        const id = requireString(values.id, 'id');
        const name = requireString(values.name, 'name');
        const role = requireString(values.role, 'role');
        if (!isRole(role)) throw new CliError('--role must be clerk, supervisor or technician');
        const pin = requireString(values.pin, 'pin');
        const by = requireString(values.by, 'by');
        return withShiftContext(values, async (ctx) => {
          await checkPin(ctx, by, values['by-pin']);
          printJson(io, await ctx.operators.create({ id, name, role, pin }, by));
          return 0;
        });
      }
      case 'unlock': {
        const id = requireString(values.id, 'id');
        const by = requireString(values.by, 'by');
        return withShiftContext(values, async (ctx) => {
          await checkPin(ctx, by, values['by-pin']);
          printJson(io, ctx.operators.unlock(id, by));
          return 0;
        });
      }
      case 'reset-pin': {
        const id = requireString(values.id, 'id');
        const pin = requireString(values.pin, 'pin');
        const by = requireString(values.by, 'by');
        return withShiftContext(values, async (ctx) => {
          await checkPin(ctx, by, values['by-pin']);
          printJson(io, await ctx.operators.resetPin(id, pin, by));
          return 0;
        });
      }
      default:
        throw new CliError(sub ? `unknown sub-command "operators ${sub}" (see sportello operators --help)` : 'missing sub-command: sportello operators list|add|unlock|reset-pin');
    }
  },
};
