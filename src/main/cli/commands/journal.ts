// `sportello journal verify|export` (issue #4 §4): check the hash chain, or export it for the PSP back
// office. Opens the database read-only: verifying or exporting never changes the file.
import fs from 'node:fs';
import path from 'node:path';
import { parseCliArgs, requireString } from '../args';
import { readPins } from '../secret-input';
import { createApp } from '../../app/create-app';
import { CliError, printJson, type CliCommand } from '../command';
import { databasePathFor, loadConfig } from '../../core/config/load';
import { exportJournal, verifyJournal } from '../../core/journal/journal';
import { checkJournalIntegrity, loadJournalKey } from '../../core/journal/journal-anchor';
import { checkPaymentSeals } from '../../core/payments/row-seal';
import { openDatabase, type Db } from '../../core/store/database';
import { EXIT_REFUSED } from './shift-context';

const USAGE = `Usage:
  sportello journal verify [--db FILE]
      walks the hash chain, then checks the signed head record beside the database (<db>-journal.head,
      HMAC with the terminal key <db>-journal.key): entries deleted from the end, or a chain rewritten up
      to the last anchor, fail too. Exit 0 and {"ok":true,"count":N,"lastHash":…,"anchoredSeq":N} when
      intact; exit 4 with one line on stderr naming the first bad entry ("journal broken at entry 17: …").
  sportello journal acknowledge --by TECHNICIAN [--db FILE]
      after a failed check (sales are refused): the technician (PIN on standard input) acknowledges it; the
      break is journaled with the entry it names, the signed head is re-anchored and sales may resume.
  sportello journal export --format csv|json [--db FILE] [--out FILE]
      every entry (seq, at, type, payment_id, operator_id, data, prev_hash, hash) to stdout or FILE.
      With --out the file is written whole or not at all, and a summary is printed on stdout.

Common options: --db FILE (default: SPORTELLO_DB or the data directory), --config FILE.`;

const FLAGS = { db: { type: 'string' }, config: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, by: { type: 'string' } } as const;

function dbFileOf(values: { db?: string; config?: string }): string {
  const file = databasePathFor(loadConfig(values.config), values.db);
  if (!fs.existsSync(file)) throw new CliError(`no database at ${file}`);
  return file;
}

function openReadonly(values: { db?: string; config?: string }): Db {
  return openDatabase(dbFileOf(values), { readonly: true });
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
      const file = dbFileOf(values);
      const db = openDatabase(file, { readonly: true });
      try {
        const chain = verifyJournal(db);
        // The whole chain, then the signed head beside the database (issue #10 §1): tail truncation and a
        // rewritten chain up to the last anchor are caught there.
        const anchored = chain.ok ? checkJournalIntegrity(db, file, loadJournalKey(file, { create: false }), { incremental: true }) : null;
        // Then every payment row against the seal of its last journal entry: an UPDATE made outside the app.
        const seals = chain.ok && (!anchored || anchored.ok) ? checkPaymentSeals(db) : null;
        const result = !chain.ok
          ? chain
          : anchored && !anchored.ok
            ? { ok: false as const, count: chain.count, firstBadSeq: anchored.firstBadSeq, reason: anchored.reason }
            : seals && !seals.ok
              ? { ok: false as const, count: chain.count, firstBadSeq: null, paymentId: seals.paymentId, reason: seals.reason }
              : { ...chain, anchoredSeq: anchored?.ok ? anchored.anchoredSeq : 0, paymentsChecked: seals?.checked ?? 0 };
        printJson(io, result);
        if (result.ok) return 0;
        io.stderr(`journal broken${result.firstBadSeq !== null ? ` at entry ${result.firstBadSeq}` : ''}: ${result.reason}\n`);
        return EXIT_REFUSED;
      } finally {
        db.close();
      }
    }
    if (sub === 'acknowledge') {
      // Issue #10 §1: a broken journal stops sales until a technician acts. The technician proves their PIN
      // (standard input); the break is journaled with what was found and the signed head is re-anchored.
      const by = requireString(values.by, 'by');
      const [pin = ''] = await readPins(io, [`PIN for ${by}: `]);
      const config = loadConfig(values.config);
      const file = path.resolve(databasePathFor(config, values.db));
      if (!fs.existsSync(file)) throw new CliError(`no database at ${file}`);
      const app = await createApp({ config, dataDir: path.dirname(file), dbFile: file, headless: true, devices: 'none', recover: false, writerLabel: 'sportello journal acknowledge' });
      try {
        const login = await app.services.operators.login(by, pin);
        if (!login.ok) throw new CliError(`login refused for ${by}: ${login.reason}`, EXIT_REFUSED);
        if (login.operator.role !== 'technician') throw new CliError(`${by} is a ${login.operator.role}: a technician acknowledges a broken journal`, EXIT_REFUSED);
        const before = app.journal.integrity();
        if (before.ok) {
          printJson(io, { ok: true, acknowledged: false, message: 'the journal is intact: nothing to acknowledge' });
          return 0;
        }
        app.journal.acknowledge(by);
        printJson(io, { ok: true, acknowledged: true, firstBadSeq: before.firstBadSeq, reason: before.reason });
        return 0;
      } finally {
        await app.close();
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
    throw new CliError(sub ? `unknown sub-command "journal ${sub}" (verify, acknowledge or export)` : 'missing sub-command: sportello journal verify|acknowledge|export');
  },
};
