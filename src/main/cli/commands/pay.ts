// `sportello pay`: one full counter payment through the payment engine (issue #4 §6). Cash is assumed
// tendered exactly; card goes through the configured terminal, or the virtual Protocollo 17 terminal.
import { MoneyInputError, parseEuroInput } from '../../../common/money';
import { NoticeCodecError, parseManualNotice, parseNoticeCode, type ParsedNotice } from '../../../common/notice';
import { createPaymentTerminal } from '../../../../drivers/card-terminal/create-terminal';
import { VirtualTerminal } from '../../../../drivers/card-terminal/virtual-terminal';
import type { CardTerminalPort } from '../../core/payments/card';
import type { PaymentRuntime } from './payment-runtime';
import { NODE_FLAGS, parseCliArgs } from '../args';
import { CliError, printJson, type CliCommand, type CliIo } from '../command';
import { cliErrorFor, openPaymentRuntime, paymentJson } from './payment-runtime';

const USAGE = `Usage: sportello pay (--notice N --ec CF | --qr 'PAGOPA|002|…') --method cash|card [--amount EUR]
                    [--operator ID] [--db FILE] [--config FILE] [--node-url URL] [node identity flags]

Takes one counter payment: verify → activate → collect → outcome OK (online), or, when the node cannot
be reached and the offline policy allows it, a durable offline payment that \`sportello sync\` registers
later. Prints the payment as JSON. Exit 0 when the payment is durably accepted (online or offline),
1 when refused (reason on stderr), 2 for bad input, 3 when the database cannot record it.

  --amount EUR   the printed amount (e.g. 12,34); required when the node is unreachable and the notice
                 gives none. Cash is assumed tendered exactly.
  Without --node-url or node.url in the config the embedded simulator runs in-process with the default
  seed; it forgets its state when the command exits (use \`sportello node-sim\` + --node-url to keep it).`;

function readNotice(v: { notice?: string; ec?: string; qr?: string; amount?: string }): ParsedNotice {
  try {
    if (v.qr) return parseNoticeCode(v.qr);
    if (!v.notice || !v.ec) throw new CliError('give --qr, or both --notice and --ec');
    const n = parseManualNotice(v.notice, v.ec);
    return v.amount ? { ...n, amountCents: parseEuroInput(v.amount) } : n;
  } catch (err) {
    if (err instanceof NoticeCodecError || err instanceof MoneyInputError) throw new CliError(err.message);
    throw err;
  }
}

async function cardTerminal(rt: PaymentRuntime): Promise<{ terminal: CardTerminalPort; close(): Promise<void> }> {
  const t = rt.config.devices.terminal;
  const ids = { terminalId: t.terminalId, cashRegisterId: t.cashRegisterId };
  if (t.transport.type === 'tcp' || t.transport.type === 'serial') {
    const terminal = createPaymentTerminal({ ...ids, link: t.transport.type === 'tcp' ? { type: 'tcp', host: t.transport.host, port: t.transport.port } : { type: 'serial', path: t.transport.path, baudRate: t.transport.baudRate } });
    return { terminal, close: () => terminal.close() };
  }
  const virtual = new VirtualTerminal({ terminalId: t.terminalId });
  const { host, port } = await virtual.listenTcp(0);
  const terminal = createPaymentTerminal({ ...ids, link: { type: 'tcp', host, port } });
  return {
    terminal,
    async close() {
      await terminal.close();
      await virtual.close();
    },
  };
}

function refuse(io: CliIo, category: string, message: string, extra: Record<string, unknown> = {}): number {
  printJson(io, { status: 'refused', category, message, ...extra });
  io.stderr(`payment refused: ${message}\n`);
  return 1;
}

export const payCommand: CliCommand = {
  name: 'pay',
  summary: 'Take a counter payment through the payment engine',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCliArgs(argv, {
      ...NODE_FLAGS,
      notice: { type: 'string' },
      ec: { type: 'string' },
      qr: { type: 'string' },
      method: { type: 'string' },
      amount: { type: 'string' },
      operator: { type: 'string' },
      db: { type: 'string' },
    }, false);
    const method = values.method;
    if (method !== 'cash' && method !== 'card') throw new CliError('--method must be cash or card');
    const parsed = readNotice(values);
    let typed: number | undefined;
    try {
      typed = values.amount ? parseEuroInput(values.amount) : undefined;
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const rt = await openPaymentRuntime(values, io);
    try {
      const { engine } = rt;
      const quote = await engine.lookup(parsed, { operatorId: values.operator ?? null, mode: rt.config.terminal.mode });
      if (quote.kind === 'refused') return refuse(io, quote.category, quote.message, quote.faultCode ? { faultCode: quote.faultCode } : {});
      const begun = await engine.begin(quote.paymentId, method, quote.kind === 'offline' && quote.amountCents === null && typed !== undefined ? { amountCents: typed } : {});
      if (begun.kind === 'refused') {
        const msg = begun.category === 'amount-required' ? 'the node cannot be reached: --amount is required' : begun.message;
        return refuse(io, begun.category, msg, { id: quote.paymentId });
      }
      let id = begun.payment.id;
      if (method === 'cash') {
        const p = begun.payment;
        engine.collectCash(id, (p.amountCents ?? 0) + p.feeCents);
      } else {
        const card = await cardTerminal(rt);
        try {
          const r = await engine.collectCard(id, card.terminal);
          if (r.kind === 'declined' || r.kind === 'aborted') {
            await engine.cancel(id, `card ${r.kind}`, values.operator ?? null);
            return refuse(io, `card-${r.kind}`, `the card payment was ${r.kind}${r.reason ? `: ${r.reason}` : ''}`, { id });
          }
          if (r.kind === 'unknown') return refuse(io, 'card-unknown', `the card result is unknown: check the terminal; exception on ${id}`, { id });
        } finally {
          await card.close();
        }
      }
      const final = await engine.settle(id);
      id = final.id;
      const status = final.mode === 'offline' ? 'offline' : 'online';
      printJson(io, {
        status,
        outcome: final.state === 'confirmed' ? 'confirmed' : final.state === 'exception' ? 'exception' : 'pending',
        embeddedNode: rt.embeddedNode,
        payment: paymentJson(final),
        receipt: engine.receiptDataFor(id),
      });
      return final.state === 'exception' ? 1 : 0;
    } catch (err) {
      throw cliErrorFor(err);
    } finally {
      await rt.close();
    }
  },
};
