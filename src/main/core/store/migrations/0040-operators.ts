import type { Migration } from './index';

/**
 * Operators (pos-practice.md §1.8 "Identity"): PIN hash with its scrypt parameters, role, lockout state.
 * Times are epoch milliseconds from the injected Clock.
 */
export const m0040Operators: Migration = {
  version: 40,
  name: 'operators',
  up(db) {
    db.exec(`
      CREATE TABLE operators (
        id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND length(id) BETWEEN 1 AND 32),
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'technician')),
        pin_hash TEXT NOT NULL,
        must_change_pin INTEGER NOT NULL DEFAULT 0 CHECK (must_change_pin IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        created_by TEXT,
        pin_changed_at INTEGER NOT NULL,
        last_login_at INTEGER
      ) STRICT;
    `);
  },
};
