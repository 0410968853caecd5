// `sportello journal verify|export` (issue #4 §4): check the hash chain, or export it for the PSP back
// office. Opens the database read-only: verifying or exporting never changes the file.
import fs from 'node:fs';
import path from 'node:path';
import { parseCliArgs } from '../args';
import { CliError, printJson, type CliCommand } from '../command';
import { databasePathFor, loadConfig } from '../../core/config/load';
import { exportJournal, verifyJournal } from '../../core/journal/journal';
import { openDatabase, type Db } from '../../core/store/database';
import { EXIT_REFUSED } from './shift-context';

const USAGE = `Usage:
  sportello journal verify [--db FILE]
      walks the hash chain. Exit 0 and {"ok":true,"count":N,"lastHash":…} when intact; exit 4 with one line
      on stderr naming the first bad entry ("journal broken at entry 17: …") when not.
  sportello journal export --format csv|json [--db FILE] [--out FILE]
      every entry (seq, at, type, payment_id, operator_id, data, prev_hash, hash) to stdout or FILE.
      With --out the file is written whole or not at all, and a summary is printed on stdout.

Common options: --db FILE (default: SPORTELLO_DB or the data directory), --config FILE.`;

const FLAGS = { db: { type: 'string' }, config: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } } as const;

function openReadonly(values: { db?: string; config?: string }): Db {
  const file = databasePathFor(loadConfig(values.config), values.db);
  if (!fs.existsSync(file)) throw new CliError(`no database at ${file}`);
  return openDatabase(file, { readonly: true });
}

export const journalCommand: CliCommand = {
  name: 'journal',
  summary: 'Verify or export the hash-chained journal',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parseCliArgs(rest, FLAGS, false);
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
    if (sub === 'verify') {
      const db = openReadonly(values);
      try {
        const result = verifyJournal(db);
        printJson(io, result);
        if (result.ok) return 0;
        io.stderr(`journal broken at entry ${result.firstBadSeq}: ${result.reason}\n`);
        return EXIT_REFUSED;
      } finally {
        db.close();
      }
    }
    if (sub === 'export') {
      const format = values.format;
      if (format !== 'csv' && format !== 'json') throw new CliError('--format must be csv or json');
      const db = openReadonly(values);
      try {
        if (!values.out) {
          exportJournal(db, format, (chunk) => io.stdout(chunk));
          return 0;
        }
        const out = path.resolve(values.out);
        const tmp = `${out}.${process.pid}.tmp`;
        const fd = fs.openSync(tmp, 'w');
        let count: number;
        try {
          count = exportJournal(db, format, (chunk) => fs.writeSync(fd, chunk));
          fs.fsyncSync(fd);
        } catch (err) {
          fs.closeSync(fd);
          fs.rmSync(tmp, { force: true });
          throw err;
        }
        fs.closeSync(fd);
        fs.renameSync(tmp, out);
        printJson(io, { out, format, count });
        return 0;
      } finally {
        db.close();
      }
    }
    throw new CliError(sub ? `unknown sub-command "journal ${sub}" (verify or export)` : 'missing sub-command: sportello journal verify|export');
  },
};
