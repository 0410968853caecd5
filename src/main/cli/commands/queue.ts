// `sportello queue`: pending payments and exceptions as JSON (issue #4 §6). Reads the database only.
import { parseCliArgs } from '../args';
import { printJson, type CliCommand } from '../command';
import { cliErrorFor, openPaymentReadView, paymentJson } from './payment-runtime';

export const queueCommand: CliCommand = {
  name: 'queue',
  summary: 'Show pending payments and exceptions (JSON)',
  usage: `Usage: sportello queue [--db FILE] [--config FILE]

Prints {pendingCount, exceptionCount, offlineExposureCents, oldestPendingAt, pending[], exceptions[]}.`,
  async run(argv, io) {
    const { values } = parseCliArgs(argv, { config: { type: 'string' }, db: { type: 'string' } }, false);
    // Read-only: works while the terminal (or `sync`) holds the database as its one writer.
    const rt = await openPaymentReadView(values);
    try {
      const s = rt.engine.queueSnapshot();
      printJson(io, {
        pendingCount: s.pendingCount,
        exceptionCount: s.exceptionCount,
        offlineExposureCents: s.offlineExposureCents,
        oldestPendingAt: s.oldestPendingAt === null ? null : new Date(s.oldestPendingAt).toISOString(),
        pending: s.pending.map(paymentJson),
        exceptions: s.exceptions.map(paymentJson),
      });
      return 0;
    } catch (err) {
      throw cliErrorFor(err);
    } finally {
      await rt.close();
    }
  },
};
