import type { Migration } from './index';

/** Key/value facts about this installation (terminal id, created_at) and counters (Z report number). */
export const m0001Meta: Migration = {
  version: 1,
  name: 'meta',
  up(db) {
    db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('created_at', ?)`).run(new Date().toISOString());
  },
};
