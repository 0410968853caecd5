// transfers/export (issue #12 §8): the technician screen's face of `sportello export transfers`: the same
// core export (src/main/core/payments/transfer-export.ts), read-only, as a file to download.
import type { HandlerImpl } from '../../common/ipc/contract';
import { exportTransfers, transfersCsv } from '../core/payments/transfer-export';
import { SaleError } from '../core/sale/sale-service';
import type { AppContext } from './app-context';

type TransferExportHandlers = Pick<HandlerImpl, 'transfers/export'>;

export function createTransferExportHandlers(ctx: AppContext): TransferExportHandlers {
  return {
    'transfers/export': ({ from, to, format }) => {
      ctx.session.requireTechnician();
      let x;
      try {
        x = exportTransfers(ctx.db, from, to);
      } catch (err) {
        if (err instanceof RangeError) throw new SaleError('invalid-argument', 'bad-dates', err.message);
        throw err;
      }
      const content = format === 'csv' ? transfersCsv(x) : `${JSON.stringify(x, null, 2)}\n`;
      return { fileName: `transfers-${ctx.config().terminal.id}-${from}-${to}.${format}`, content, count: x.totals.count, amountCents: x.totals.amountCents };
    },
  };
}
