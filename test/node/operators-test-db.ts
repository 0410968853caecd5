// Shared by the operators-*/shifts-* tests: a real SQLite file in a temp dir, removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/main/core/store/database';
import { ALL_MIGRATIONS } from '../../src/main/core/store/migrations';
import { m0010Payments } from '../../src/main/core/store/migrations/0010-payments';
import { PaymentRepository } from '../../src/main/core/payments/repository';
import type { PaymentState, Resolution } from '../../src/main/core/payments/types';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

export function tempDb(): { db: Db; file: string; dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-ops-'));
  const file = path.join(dir, 'sportello.db');
  // The payments table (engine area) is what X/Z reports read; include it even before it is registered.
  const migrations = ALL_MIGRATIONS.some((m) => m.version === m0010Payments.version) ? ALL_MIGRATIONS : [...ALL_MIGRATIONS, m0010Payments];
  const db = openDatabase(file, { migrations });
  return {
    db,
    file,
    dir,
    cleanup: () => {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function journalTypes(db: Db): string[] {
  return (db.prepare('SELECT type FROM journal ORDER BY seq').all() as { type: string }[]).map((r) => r.type);
}

let seq = 0;
/**
 * Inserts a payment the way the engine leaves it, through the payments repository: the row and its
 * journal entry (with the row's seal) in one transaction, so `journal verify` stays clean.
 */
export function insertPayment(
  db: Db,
  p: { state: string; mode?: 'online' | 'offline'; method?: 'cash' | 'card'; amountCents: number; feeCents?: number; collectedAt?: number | null; terminalId?: string; resolution?: object },
): string {
  seq += 1;
  const id = `p${seq}-${Math.random().toString(36).slice(2, 8)}`;
  const fee = p.feeCents ?? 200;
  const collectedAt = p.collectedAt === undefined ? null : p.collectedAt;
  const at = collectedAt ?? 0;
  const repo = new PaymentRepository(db, () => at);
  repo.insert(
    {
      state: p.state as PaymentState,
      mode: p.mode ?? 'online',
      channel: 'counter',
      terminalId: p.terminalId ?? 'T01',
      operatorId: 'mario',
      bootId: 'boot',
      noticeNumber: `3000000000${String(seq).padStart(8, '0')}`,
      fiscalCode: '77777777777',
      source: 'test',
      amountCents: p.amountCents,
      feeCents: fee,
      method: p.method ?? 'cash',
      collectedCents: collectedAt === null ? null : p.amountCents + fee,
      collectedAt,
      resolution: (p.resolution as Resolution | undefined) ?? null,
    },
    () => id,
    { type: 'test.fixture' },
  );
  return id;
}
