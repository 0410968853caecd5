// Every cash-drawer opening goes into the audit journal with who and why (pos-practice.md §1.8:
// "append-only journal of every action incl. drawer opens, reprints, force actions"). A pulse that
// failed is journaled too: an attempt to open the drawer is itself worth auditing.
import type { Db } from '../store/database';
import { writeTransaction } from '../store/database';
import { appendJournal, type JournalEntry } from './journal';

/** Why the drawer was kicked: a cash collection, or the technician's drawer-pulse diagnostic. */
export type DrawerOpenReason = 'cash-payment' | 'diagnostic';

export type DrawerOpenRecord = {
  readonly reason: DrawerOpenReason;
  /** Operator id, or 'tech' / 'kiosk' when no operator is logged in. */
  readonly operatorId: string | null;
  readonly paymentId?: string | null;
  /** Drawer connector pin, 2 or 5 (ESC p, pos-practice.md §4). */
  readonly pin: number;
  /** null when the pulse went out; the driver's reason otherwise. */
  readonly error: string | null;
  readonly at: string;
};

/** 'drawer.opened' when the pulse was sent, 'drawer.open-failed' when it was not. */
export function journalDrawerOpen(db: Db, r: DrawerOpenRecord): JournalEntry {
  return writeTransaction(db, () =>
    appendJournal(db, {
      type: r.error === null ? 'drawer.opened' : 'drawer.open-failed',
      paymentId: r.paymentId ?? null,
      operatorId: r.operatorId,
      data: { reason: r.reason, pin: r.pin, ...(r.error === null ? {} : { error: r.error }) },
      at: r.at,
    }),
  );
}
