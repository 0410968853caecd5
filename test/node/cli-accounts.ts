// Shared by the CLI tests: no command creates operators implicitly any more (issue #10 §2), so a test that
// needs the usual clerk and supervisor seeds them explicitly on its database file before the first command.
import { systemClock } from '../../src/common/clock';
import { OperatorService } from '../../src/main/core/operators/operator-service';
import { openDatabase } from '../../src/main/core/store/database';

export const CLERK = { id: 'mario', pin: '1234' } as const;
export const SUPERVISOR = { id: 'anna', pin: '5678' } as const;

/** Creates (on an empty operators table) supervisor anna/5678 and clerk mario/1234, PINs already changed. */
export async function seedCliAccounts(dbFile: string): Promise<void> {
  const db = openDatabase(dbFile);
  try {
    const ops = new OperatorService({ db, clock: systemClock, scryptParams: { N: 1024, r: 8, p: 1 } });
    await ops.bootstrap([
      { id: SUPERVISOR.id, name: 'Anna Bianchi', role: 'supervisor', pin: SUPERVISOR.pin },
      { id: CLERK.id, name: 'Mario Rossi', role: 'clerk', pin: CLERK.pin },
    ]);
  } finally {
    db.close();
  }
}
