// `sportello sync`: drain the payment queue once and exit (issue #4 §6). Exit 0 only when nothing is
// left pending; exceptions do not count as pending and are listed.
import { NODE_FLAGS, parseCliArgs } from '../args';
import { printJson, type CliCommand } from '../command';
import { cliErrorFor, openPaymentRuntime, paymentJson } from './payment-runtime';

const USAGE = `Usage: sportello sync [--db FILE] [--config FILE] [--node-url URL] [node identity flags] [--passes N]

Probes the node, then recovers payments left mid-way by a crash, delivers pending outcomes (ignoring
the retry wait: this is a manual "sync now") and registers offline payments (verify → activate →
outcome OK), in queue order. Prints a JSON report. Exit 0 when nothing is left pending, 1 otherwise
(node unreachable, or outcomes still failing); exceptions are listed but do not count as pending.`;

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'Drain the offline/outcome queue against the node and exit',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCliArgs(argv, { ...NODE_FLAGS, db: { type: 'string' }, passes: { type: 'string' } }, false);
    const maxPasses = Math.max(1, Number(values.passes ?? 3) || 3);
    const rt = await openPaymentRuntime(values, io, { command: 'sync' });
    const { engine, worker } = rt.app.services;
    try {
      let last = await worker.runOnce({ force: true });
      // A pass can unblock more work (e.g. an orphan's KO frees a notice); stop when nothing moves.
      for (let i = 1; i < maxPasses && last.online && last.pending > 0 && last.processed > 0; i += 1) last = await worker.runOnce({ force: true });
      const snap = engine.queueSnapshot();
      printJson(io, {
        online: last.online,
        pending: snap.pendingCount,
        exceptions: snap.exceptions.map(paymentJson),
        lastError: last.lastError,
        embeddedNode: rt.embeddedNode,
        pendingPayments: snap.pending.map(paymentJson),
      });
      if (snap.pendingCount > 0) io.stderr(`${snap.pendingCount} payment(s) still pending${last.lastError ? `: ${last.lastError}` : ''}\n`);
      return snap.pendingCount === 0 ? 0 : 1;
    } catch (err) {
      throw cliErrorFor(err);
    } finally {
      await rt.close();
    }
  },
};
