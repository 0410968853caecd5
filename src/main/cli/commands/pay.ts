// `sportello pay`: one payment through the same terminal the counter runs (the composition root,
// headless) and the same sale rules: an operator who proves their PIN, an open shift at a counter, the
// drawer only after the commit, the receipt printed on the configured printer (issue #9 §1).
import { MoneyInputError, parseEuroInput } from '../../../common/money';
import { NoticeCodecError, parseManualNotice, parseNoticeCode, type ParsedNotice } from '../../../common/notice';
import { NODE_CONFIRMED } from '../../core/payments/state-machine';
import type { CollectOutcome, ReceiptOutcome, SaleActor } from '../../core/sale/sale-service';
import { NODE_FLAGS, parseCliArgs } from '../args';
import { CliError, printJson, type CliCommand } from '../command';
import { readPins } from '../secret-input';
import { EXIT_REFUSED, requirePinChanged } from './shift-context';
import { cliErrorFor, openPaymentRuntime, paymentJson, receiptJson, refuse } from './payment-runtime';
import { payCart } from './pay-cart';
import { MAX_CART_NOTICES } from '../../core/sale/cart-store';
import type { Quote } from '../../core/payments/types';
import { SERVICE_FIELD_FLAGS, fieldErrorsLine, formValuesFromFlags } from './spontaneous';

const USAGE = `Usage: sportello pay (--notice N --ec CF | --qr 'PAGOPA|002|…')… --method cash|card [--amount EUR]
                    [--tendered EUR] --operator ID [--db FILE] [--config FILE] [--node-url URL] [node flags]
       sportello pay --demand-service ID --plate P --vehicle-type 1|2|4 --method cash|card --operator ID …

Takes one payment exactly as the counter does: verify → activate → collect → outcome OK (online), or,
when the node cannot be reached and the offline policy allows it, a durable offline payment that
\`sportello sync\` registers later. The receipt is printed on the configured printer. Prints the payment
as JSON. At a counter the operator's PIN is read from standard input (the first line when it is not a
terminal, a hidden prompt when it is) — never from the command line — and a shift must be open
(\`sportello shift open\`): money taken outside a shift would be in no Z report.

Exit 0 when the payment is durably accepted (online or offline), 1 when refused (reason on stderr; no
shift open, node refusal, card declined), 2 for bad input, 3 when the database cannot record it or is
in use by another program, 4 when the operator's PIN is refused.

  --amount EUR     the printed amount (e.g. 12,34); required when the node is unreachable and the notice
                   gives none
  --tendered EUR   cash handed over (default: exactly the total)
  Up to 5 notices (repeat --qr, or --notice/--ec pairs) are paid as ONE transaction, a cart: all verified
  at once, all activated before any money moves, one collection for the total, one receipt. A notice the
  node refuses is dropped and the rest is paid; the JSON lists the transaction and each notice's result.
  --demand-service ID  a spontaneous payment (issue #13, e.g. bollo auto): demandPaymentNotice for that
                   catalogue service with its form's flags (--plate and --vehicle-type for the car tax; see
                   \`sportello demand\`), then the notice is paid like any other. Never offline: without the node
                   it is refused (exit 1); a wrong plate or vehicle type is exit 2 with the reason.
  Without --node-url or node.url in the config the embedded simulator runs in-process with the default
  seed; it forgets its state when the command exits (use \`sportello node-sim\` + --node-url to keep it).`;

/** Every notice named on the command line: each --qr, then each --notice/--ec pair in order. */
function readNotices(v: { notice?: string[]; ec?: string[]; qr?: string[]; amount?: string }): ParsedNotice[] {
  const qrs = v.qr ?? [];
  const numbers = v.notice ?? [];
  const ecs = v.ec ?? [];
  if (numbers.length !== ecs.length) throw new CliError('give --notice and --ec in pairs (one --ec for each --notice)');
  if (qrs.length + numbers.length === 0) throw new CliError('give --qr, or both --notice and --ec');
  if (qrs.length + numbers.length > MAX_CART_NOTICES) throw new CliError(`at most ${MAX_CART_NOTICES} notices in one transaction (pagoPA's limit): pay the others in a second one`);
  try {
    const typed = numbers.map((n, i) => {
      const parsed = parseManualNotice(n, ecs[i]!);
      return v.amount && numbers.length + qrs.length === 1 ? { ...parsed, amountCents: parseEuroInput(v.amount) } : parsed;
    });
    return [...qrs.map((q) => parseNoticeCode(q)), ...typed];
  } catch (err) {
    if (err instanceof NoticeCodecError || err instanceof MoneyInputError) throw new CliError(err.message);
    throw err;
  }
}

function euros(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseEuroInput(value);
  } catch (err) {
    throw new CliError(`--${flag}: ${(err as Error).message}`);
  }
}

export const payCommand: CliCommand = {
  name: 'pay',
  summary: 'Take a payment through the same terminal and rules as the counter',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCliArgs(
      argv,
      {
        ...NODE_FLAGS,
        notice: { type: 'string', multiple: true },
        ec: { type: 'string', multiple: true },
        qr: { type: 'string', multiple: true },
        method: { type: 'string' },
        amount: { type: 'string' },
        tendered: { type: 'string' },
        operator: { type: 'string' },
        db: { type: 'string' },
        'demand-service': { type: 'string' },
        ...SERVICE_FIELD_FLAGS,
      },
      false,
    );
    const method = values.method;
    if (method !== 'cash' && method !== 'card') throw new CliError('--method must be cash or card');
    const demandService = values['demand-service'];
    if (demandService !== undefined && (values.qr || values.notice || values.ec)) throw new CliError('--demand-service pays one demanded notice: give no --qr, --notice or --ec with it');
    const notices = demandService === undefined ? readNotices(values) : [];
    const typed = euros(values.amount, 'amount');
    const tendered = euros(values.tendered, 'tendered');
    const rt = await openPaymentRuntime(values, io, { devices: 'configured', command: 'pay' });
    try {
      const { sale, operators } = rt.app.services;
      let actor: SaleActor = { operatorId: null };
      if (sale.mode === 'counter') {
        if (!values.operator) throw new CliError('--operator ID is required: a counter takes money only through an operator');
        const [pin = ''] = await readPins(io, [`PIN for ${values.operator}: `]);
        const login = await operators.login(values.operator, pin);
        if (!login.ok) throw new CliError(`login refused for ${values.operator}: ${login.reason}`, EXIT_REFUSED);
        requirePinChanged(login.operator);
        actor = { operatorId: login.operator.id };
      }
      // Every rule is the core's; checked once before the node is asked anything, and again by each step.
      sale.assertCanTakeMoney(actor);
      if (notices.length > 1) return await payCart(io, rt, actor, notices, method, tendered);
      let quote: Quote;
      if (demandService !== undefined) {
        // Spontaneous payment (issue #13): the core demands the notice, then it is quoted like a scanned one.
        if (!sale.spontaneous) throw new CliError('spontaneous payments are not enabled on this terminal (config spontaneous.enabled)', 1);
        const d = await sale.spontaneous.demand(actor, demandService, formValuesFromFlags(values));
        if (d.kind === 'invalid') throw new CliError(fieldErrorsLine(d.errors));
        if (d.kind === 'refused') return refuse(io, d.code, d.message.en, d.faultCode ? { faultCode: d.faultCode } : {});
        quote = d.quote;
      } else quote = await sale.lookup(actor, notices[0]!);
      if (quote.kind === 'refused') return refuse(io, quote.category, quote.message, quote.faultCode ? { faultCode: quote.faultCode } : {});
      let begun;
      try {
        begun = await sale.begin(actor, quote.paymentId, method, quote.kind === 'offline' && quote.amountCents === null && typed !== undefined ? { amountCents: typed } : {});
      } catch (err) {
        const e = cliErrorFor(err);
        if (e instanceof CliError && e.exitCode === 1)
          return refuse(io, 'refused', e.message.includes('amount-required') ? 'the node cannot be reached: --amount is required' : e.message, { id: quote.paymentId });
        throw e;
      }
      const id = begun.id;
      let receipt: ReceiptOutcome | null = null;
      let collected: CollectOutcome | null = null;
      if (method === 'cash') {
        collected = await sale.collectCash(actor, id, tendered ?? (begun.amountCents ?? 0) + begun.feeCents);
        receipt = collected.receipt;
      } else {
        const r = await sale.collectCard(actor, id);
        if (r.kind === 'declined' || r.kind === 'aborted') {
          await sale.cancel(actor, id, `card ${r.kind}`);
          return refuse(io, `card-${r.kind}`, `the card payment was ${r.kind}${r.reason ? `: ${r.reason}` : ''}`, { id });
        }
        if (r.kind !== 'approved') return refuse(io, 'card-unknown', `the card result is unknown: check the terminal; exception on ${id}`, { id });
        receipt = r.receipt;
      }
      const final = await sale.settle(id);
      printJson(io, {
        status: final.mode === 'offline' ? 'offline' : 'online',
        outcome: NODE_CONFIRMED.includes(final.state) ? 'confirmed' : final.state === 'exception' ? 'exception' : 'pending',
        embeddedNode: rt.embeddedNode,
        payment: paymentJson(final),
        ...(collected ? { changeCents: collected.changeCents, drawer: collected.drawer } : {}),
        receipt: receiptJson(receipt),
        receiptData: sale.receiptDataFor(id),
        ...(demandService !== undefined ? { service: sale.spontaneous?.service.forPayment(id) ?? null } : {}),
      });
      if (receipt && receipt.result.outcome !== 'printed') io.stderr(`receipt not printed (${receipt.result.outcome}): reprint it from the counter once the printer is ready\n`);
      return final.state === 'exception' ? 1 : 0;
    } catch (err) {
      throw cliErrorFor(err);
    } finally {
      await rt.close();
    }
  },
};
