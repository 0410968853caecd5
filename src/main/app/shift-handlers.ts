// shift/*: the shifts service (numbered, hash-chained Z) behind intent-level calls.
import type { HandlerImpl } from '../../common/ipc/contract';
import { IpcFailure } from '../../common/ipc/result';
import type { Shift as ShiftView, ShiftReport } from '../../common/ipc/shift';
import type { ShiftService, Shift } from '../core/shifts/shift-service';
import type { Report } from '../core/shifts/report-types';

type ShiftHandlers = Pick<HandlerImpl, 'shift/current' | 'shift/open' | 'shift/close' | 'shift/x' | 'shift/z'>;

function toShift(s: Shift): ShiftView {
  return { id: String(s.id), operatorId: s.openedBy, openedAt: s.openedAt, closedAt: s.closedAt, openingFloatCents: s.floatCents, zNumber: s.zNumber };
}

export function toShiftReport(r: Report): ShiftReport {
  return {
    kind: r.kind === 'Z' ? 'z' : 'x',
    number: r.number ?? null,
    shiftId: String(r.shiftId),
    operatorId: r.operator,
    openedAt: r.openedAt,
    closedAt: r.closedAt ?? null,
    generatedAt: r.generatedAt,
    count: r.totals.count,
    voidCount: r.voidCount ?? null,
    reprintCount: r.reprintCount ?? null,
    // Offline means taken offline (Z reports issued before that was counted fall back to the pending count).
    offlineCount: r.offlineTaken?.count ?? r.offlinePending.count,
    offlinePendingCount: r.offlinePending.count,
    amountCents: r.totals.totalCents - r.totals.feeCents,
    feeCents: r.totals.feeCents,
    cashCents: r.byMethod.cash.totalCents,
    cardCents: r.byMethod.card.totalCents,
    openingFloatCents: r.floatCents,
    cashRefundCents: r.refunds.cash.totalCents,
    cashRefundCount: r.refunds.cash.count,
    cardRefundCents: r.refunds.card.totalCents,
    cardRefundCount: r.refunds.card.count,
    cashInCents: r.cashInCents,
    cashOutCents: r.cashOutCents,
    expectedCashCents: r.cashExpectedCents,
    countedCashCents: r.cashCountedCents ?? null,
    differenceCents: r.differenceCents ?? null,
    warnings: [...r.warnings],
    exceptionsOpen: r.exceptionsOpen,
    undeliveredOutcomes: r.undeliveredOutcomes,
    // Issue #12 §4–§5 (absent in reports issued before).
    ...(r.standin ? { standinCount: r.standin.count, standinCents: r.standin.totalCents } : {}),
    ...(r.nodeFees ? { nodeFeeCents: r.nodeFees.feeCents } : {}),
    ...(r.notices
      ? { notices: r.notices.map((n) => ({ paymentId: n.paymentId, noticeNumber: n.noticeNumber, amountCents: n.amountCents, feeCents: n.feeCents, feeSource: n.feeSource, standin: n.standin })) }
      : {}),
  };
}

export function createShiftHandlers(deps: { shifts: ShiftService; operatorId: () => string | null }): ShiftHandlers {
  const who = () => {
    const id = deps.operatorId();
    if (!id) throw new IpcFailure('unauthorized', 'log in first');
    return id;
  };
  return {
    'shift/current': () => {
      const s = deps.shifts.current();
      return s ? toShift(s) : null;
    },
    'shift/open': ({ openingFloatCents }) => toShift(deps.shifts.open(who(), openingFloatCents)),
    'shift/close': ({ countedCashCents, acknowledgeWarnings }) => toShiftReport(deps.shifts.close(who(), countedCashCents, { acknowledgeWarnings: acknowledgeWarnings ?? false })),
    'shift/x': () => {
      who();
      return toShiftReport(deps.shifts.xReport());
    },
    'shift/z': (arg) => {
      const number = arg?.number ?? deps.shifts.zReports().at(-1)?.number;
      if (number === undefined) throw new IpcFailure('not-found', 'no Z report yet');
      const z = deps.shifts.zReport(number);
      if (!z) throw new IpcFailure('not-found', `no Z report number ${number}`);
      return toShiftReport(z);
    },
  };
}
