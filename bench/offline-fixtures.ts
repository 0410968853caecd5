// Bench fixtures: the rows an earlier offline session leaves queued for the sync worker (cash, collected,
// fee 200). Written with the repository directly — a bench shortcut: the app only writes through the state
// machine. Shared by queue-drain and mil (drain) so both measure the same queue.
import { PaymentRepository } from '../src/main/core/payments/repository';
import { writeTransaction, type Db } from '../src/main/core/store/database';

export function insertOfflineQueued(db: Db, notices: readonly { noticeNumber: string; fiscalCode: string; amountCents: number }[]): void {
  const fixtures = new PaymentRepository(db, () => Date.now());
  writeTransaction(db, () => {
    for (const p of notices)
      fixtures.insert(
        {
          state: 'offline-queued',
          mode: 'offline',
          channel: 'counter',
          terminalId: 'T01',
          operatorId: 'op',
          bootId: 'bench',
          noticeNumber: p.noticeNumber,
          fiscalCode: p.fiscalCode,
          source: 'qr',
          printedAmountCents: p.amountCents,
          amountCents: p.amountCents,
          feeCents: 200,
          method: 'cash',
          tenderedCents: p.amountCents + 200,
          changeCents: 0,
          collectedCents: p.amountCents + 200,
          collectedAt: Date.now(),
        },
        (seq: number) => `T01-${String(seq).padStart(6, '0')}`,
        { type: 'payment.offline-queued' },
      );
  });
}
