// `sportello operators list|init|add|unlock|reset-pin|change-pin` (issue #4 §5, issue #10 §2). The CLI acts
// as the operator named by --by, who proves their PIN; every PIN is read from standard input (one line
// each, in the order the usage gives, or hidden prompts on a terminal), never from the command line.
import { parseCliArgs, requireString } from '../args';
import { CliError, printJson, type CliCommand } from '../command';
import { readPins } from '../secret-input';
import { initFirstSupervisor } from '../../core/operators/ensure-initial-operators';
import { isRole } from '../../core/operators/roles';
import { checkPin, DB_FLAGS, EXIT_REFUSED, withShiftContext } from './shift-context';

const USAGE = `Usage:
  sportello operators list
  sportello operators init --id ID --name "Full Name" [--role supervisor|technician]
      first run only: creates the first supervisor (or the installer's technician, who alone can create
      technicians). stdin: the new PIN. Refused once any operator exists.
  sportello operators add --id ID --name "Full Name" --role clerk|supervisor|technician --by SUPERVISOR
      stdin: the supervisor's PIN, then the new operator's PIN (who must change it at first login)
  sportello operators unlock --id ID --by SUPERVISOR                  stdin: the supervisor's PIN
  sportello operators reset-pin --id ID --by SUPERVISOR
      stdin: the supervisor's PIN, then the new PIN (must be changed at next login)
  sportello operators change-pin --id ID                  stdin: the current PIN, then the new PIN

PINs (4–12 digits) are read from standard input, one line each, or typed at hidden prompts on a terminal:
never from the command line, where every local user can read them. No account is ever created implicitly
(demo accounts exist only in demo mode: \`sportello serve\` with the embedded simulator).
Common options: --db FILE, --config FILE. JSON on stdout; PINs and hashes are never printed.
Exit 0 ok, 2 bad input, 3 storage error, 4 refused (role, unknown operator, duplicate, operators exist).`;

const FLAGS = { ...DB_FLAGS, id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, by: { type: 'string' } } as const;

export const operatorsCommand: CliCommand = {
  name: 'operators',
  summary: 'First supervisor, list, add, unlock operators (PIN, role, lockout)',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parseCliArgs(rest, FLAGS, false);
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
    switch (sub) {
      case 'list':
        return withShiftContext(values, (ctx) => (printJson(io, ctx.operators.list()), 0), { readOnly: true });
      case 'init': {
        const id = requireString(values.id, 'id');
        const name = requireString(values.name, 'name');
        const role = values.role ?? 'supervisor';
        if (role !== 'supervisor' && role !== 'technician') throw new CliError('--role for the first operator must be supervisor or technician');
        const [pin = ''] = await readPins(io, [`New PIN for ${id}: `]);
        return withShiftContext(
          values,
          async (ctx) => {
            if (ctx.operators.count() > 0) throw new CliError('operators already exist: the first supervisor is created only on an empty terminal (use sportello operators add)', EXIT_REFUSED);
            printJson(io, await initFirstSupervisor(ctx.operators, { id, name, pin, role }));
            return 0;
          },
          { command: 'operators init' },
        );
      }
      case 'add': {
        const id = requireString(values.id, 'id');
        const name = requireString(values.name, 'name');
        const role = requireString(values.role, 'role');
        if (!isRole(role)) throw new CliError('--role must be clerk, supervisor or technician');
        const by = requireString(values.by, 'by');
        const [byPin = '', pin = ''] = await readPins(io, [`PIN for ${by}: `, `New PIN for ${id}: `]);
        return withShiftContext(values, async (ctx) => {
          await checkPin(ctx, by, byPin);
          printJson(io, await ctx.operators.create({ id, name, role, pin, mustChangePin: true }, by));
          return 0;
        });
      }
      case 'unlock': {
        const id = requireString(values.id, 'id');
        const by = requireString(values.by, 'by');
        const [byPin = ''] = await readPins(io, [`PIN for ${by}: `]);
        return withShiftContext(values, async (ctx) => {
          await checkPin(ctx, by, byPin);
          printJson(io, ctx.operators.unlock(id, by));
          return 0;
        });
      }
      case 'reset-pin': {
        const id = requireString(values.id, 'id');
        const by = requireString(values.by, 'by');
        const [byPin = '', pin = ''] = await readPins(io, [`PIN for ${by}: `, `New PIN for ${id}: `]);
        return withShiftContext(values, async (ctx) => {
          await checkPin(ctx, by, byPin);
          printJson(io, await ctx.operators.resetPin(id, pin, by));
          return 0;
        });
      }
      case 'change-pin': {
        const id = requireString(values.id, 'id');
        const [current = '', next = ''] = await readPins(io, [`Current PIN for ${id}: `, `New PIN for ${id}: `]);
        return withShiftContext(values, async (ctx) => {
          const r = await ctx.operators.login(id, current); // journaled, counts towards lockout
          if (!r.ok) throw new CliError(`login refused for ${id}: ${r.reason}${r.lockedUntil ? ` until ${r.lockedUntil}` : ''}`, EXIT_REFUSED);
          printJson(io, await ctx.operators.changePin(id, current, next));
          return 0;
        });
      }
      default:
        throw new CliError(sub ? `unknown sub-command "operators ${sub}" (see sportello operators --help)` : 'missing sub-command: sportello operators list|init|add|unlock|reset-pin|change-pin');
    }
  },
};
