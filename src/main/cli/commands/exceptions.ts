// `sportello exceptions`: list payments that need a person, resolve them, or reset an outcome's retry
// counter (pagopa-psp.md §3.11: "consultare ed azzerare il contatore dei tentativi").
import { ALLOWED_ACTIONS } from '../../core/payments/exceptions';
import type { ResolutionAction } from '../../core/payments/types';
import { NODE_FLAGS, parseCliArgs, requireString } from '../args';
import { CliError, printJson, type CliCommand } from '../command';
import { cliErrorFor, openPaymentReadView, openPaymentRuntime, paymentJson } from './payment-runtime';
import { readPins } from '../secret-input';
import { EXIT_REFUSED, requirePinChanged } from './shift-context';

const ACTIONS: readonly ResolutionAction[] = ['refund', 'accept-difference', 'mark-collected', 'mark-not-collected'];

const USAGE = `Usage: sportello exceptions [list] [--db FILE]
       sportello exceptions resolve <id> --action refund|accept-difference|mark-collected|mark-not-collected
                                         --reason TEXT --operator ID [--db FILE] [node flags]
       sportello exceptions reset <id> --operator ID [--db FILE] [node flags]

list     exceptions as JSON, each with the actions that apply to it
resolve  refund: the citizen got the money back (resolved); accept-difference: pay the creditor's current
         amount (back to the queue, then \`sportello sync\`); mark-collected / mark-not-collected: a person
         checked the card terminal after an unknown result (sends the outcome OK / KO)
reset    outcome delivered 5 times without success: reset the attempt counter and retry with the same key
resolve and reset act for --operator, whose PIN is read from standard input (one line, or a hidden prompt).`;

export const exceptionsCommand: CliCommand = {
  name: 'exceptions',
  summary: 'List and resolve payment exceptions',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, { ...NODE_FLAGS, db: { type: 'string' }, action: { type: 'string' }, reason: { type: 'string' }, operator: { type: 'string' } });
    const [sub = 'list', id] = positionals;
    if (!['list', 'resolve', 'reset'].includes(sub)) throw new CliError(`unknown sub-command "${sub}" (list, resolve, reset)`);
    if (sub !== 'list' && !id) throw new CliError(`exceptions ${sub} needs a payment id`);
    const action = values.action as ResolutionAction | undefined;
    if (sub === 'resolve' && (!action || !ACTIONS.includes(action))) throw new CliError(`--action must be one of ${ACTIONS.join(', ')}`);
    // `list` only reads (works while the terminal runs); resolve/reset write and need the writer lock.
    if (sub === 'list') {
      const view = await openPaymentReadView(values);
      try {
        printJson(
          io,
          view.engine.exceptions().map((p) => ({ ...paymentJson(p), actions: p.exceptionKind ? ALLOWED_ACTIONS[p.exceptionKind] : [] })),
        );
        return 0;
      } finally {
        await view.close();
      }
    }
    const operator = requireString(values.operator, 'operator');
    const [pin = ''] = await readPins(io, [`PIN for ${operator}: `]); // never on the command line (issue #10 §2)
    const rt = await openPaymentRuntime(values, io, { command: `exceptions ${sub}` });
    const engine = rt.app.services.engine;
    try {
      const login = await rt.app.services.operators.login(operator, pin);
      if (!login.ok) throw new CliError(`login refused for ${operator}: ${login.reason}`, EXIT_REFUSED);
      requirePinChanged(login.operator);
      if (sub === 'reset') {
        printJson(io, paymentJson(engine.resetOutcomeAttempts(id as string, operator)));
        return 0;
      }
      const p = await rt.app.services.sale.resolveException(login.operator.id, id as string, action as ResolutionAction, requireString(values.reason, 'reason'));
      printJson(io, paymentJson(p));
      return 0;
    } catch (err) {
      throw cliErrorFor(err);
    } finally {
      await rt.close();
    }
  },
};
