import type { Migration } from './index';

/**
 * Shifts, cash movements and Z reports (issue #4 §5; pos-practice.md §1.8 "Session": Z numbered and immutable).
 * The database itself enforces: one open shift per terminal, a closed shift never changes, Z numbers are
 * strictly sequential per terminal, and a Z row can be neither updated nor deleted.
 */
export const m0041Shifts: Migration = {
  version: 41,
  name: 'shifts',
  up(db) {
    db.exec(`
      CREATE TABLE shifts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        terminal_id TEXT NOT NULL,
        opened_by TEXT NOT NULL REFERENCES operators(id),
        opened_at INTEGER NOT NULL,
        float_cents INTEGER NOT NULL CHECK (float_cents >= 0),
        closed_at INTEGER,
        closed_by TEXT REFERENCES operators(id),
        counted_cash_cents INTEGER CHECK (counted_cash_cents >= 0),
        z_number INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX shifts_one_open_per_terminal ON shifts(terminal_id) WHERE closed_at IS NULL;
      CREATE TRIGGER shifts_closed_immutable BEFORE UPDATE ON shifts
        WHEN OLD.closed_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'shift is closed and immutable'); END;
      CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
        BEGIN SELECT RAISE(ABORT, 'shifts are never deleted'); END;

      CREATE TABLE cash_movements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        shift_id INTEGER NOT NULL REFERENCES shifts(id),
        kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
        cents INTEGER NOT NULL CHECK (cents > 0),
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        operator_id TEXT NOT NULL REFERENCES operators(id),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX cash_movements_shift ON cash_movements(shift_id);
      CREATE TRIGGER cash_movements_append_only_u BEFORE UPDATE ON cash_movements
        BEGIN SELECT RAISE(ABORT, 'cash_movements is append-only'); END;
      CREATE TRIGGER cash_movements_append_only_d BEFORE DELETE ON cash_movements
        BEGIN SELECT RAISE(ABORT, 'cash_movements is append-only'); END;
      CREATE TRIGGER cash_movements_open_shift BEFORE INSERT ON cash_movements
        WHEN (SELECT closed_at FROM shifts WHERE id = NEW.shift_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'shift is closed'); END;

      CREATE TABLE z_reports (
        terminal_id TEXT NOT NULL,
        number INTEGER NOT NULL CHECK (number >= 1),
        shift_id INTEGER NOT NULL UNIQUE REFERENCES shifts(id),
        issued_at INTEGER NOT NULL,
        issued_by TEXT NOT NULL REFERENCES operators(id),
        warnings_acknowledged INTEGER NOT NULL CHECK (warnings_acknowledged IN (0, 1)),
        report_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        PRIMARY KEY (terminal_id, number)
      ) STRICT;
      CREATE TRIGGER z_reports_sequential BEFORE INSERT ON z_reports
        WHEN NEW.number <> (SELECT COALESCE(MAX(number), 0) + 1 FROM z_reports WHERE terminal_id = NEW.terminal_id)
        BEGIN SELECT RAISE(ABORT, 'Z number out of sequence'); END;
      CREATE TRIGGER z_reports_immutable_u BEFORE UPDATE ON z_reports
        BEGIN SELECT RAISE(ABORT, 'Z reports are immutable'); END;
      CREATE TRIGGER z_reports_immutable_d BEFORE DELETE ON z_reports
        BEGIN SELECT RAISE(ABORT, 'Z reports are immutable'); END;
    `);
  },
};
