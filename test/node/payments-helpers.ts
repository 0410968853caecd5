// Shared set-up for the payment engine tests: a real SQLite file in a temp dir, a manual clock, config.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock';
import { parseConfig } from '../../src/main/core/config/load';
import type { SportelloConfig } from '../../src/main/core/config/schema';
import { openDatabase, type Db } from '../../src/main/core/store/database';
import { PaymentEngine } from '../../src/main/core/payments/engine';
import type { PaymentNode } from '../../src/main/core/payments/node-port';

export const EC = '00743110157';
export function notice(n: number): string {
  return `3020${String(n).padStart(14, '0')}`;
}

export type Rig = { dir: string; file: string; db: Db; clock: ManualClock; config: SportelloConfig; engine: PaymentEngine; close(): void };

export function makeRig(node: PaymentNode, opts: { config?: Record<string, unknown>; clock?: ManualClock; bootId?: string; dir?: string } = {}): Rig {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-pay-'));
  const file = path.join(dir, 'sportello.db');
  const db = openDatabase(file);
  const clock = opts.clock ?? new ManualClock();
  const config = parseConfig(opts.config ?? {});
  const engine = new PaymentEngine({ db, node, config, clock, ...(opts.bootId ? { bootId: opts.bootId } : {}) });
  return {
    dir,
    file,
    db,
    clock,
    config,
    engine,
    close() {
      db.close();
      if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
