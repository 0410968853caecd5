// `sportello export transfers` (issue #12 §8): one row per transfer of every payment the node confirmed,
// with totals per creditor and per IBAN, for the PSP back office's reporting flows. Opens the database
// read-only: it works while the terminal runs and never changes the file.
import fs from 'node:fs';
import path from 'node:path';
import { parseCliArgs } from '../args';
import { CliError, printJson, type CliCommand } from '../command';
import { databasePathFor, loadConfig } from '../../core/config/load';
import { exportTransfers, transfersCsv } from '../../core/payments/transfer-export';
import { openDatabase } from '../../core/store/database';

const USAGE = `Usage:
  sportello export transfers --from YYYY-MM-DD --to YYYY-MM-DD --format csv|json [--out FILE] [--db FILE]
      every transfer of every payment confirmed by the node (outcome OK acknowledged) collected on those
      days (inclusive; the day is the applicationDate sent in the outcome): creditor fiscal code and name,
      IUV, notice number, paymentToken, transfer index, amount, IBAN, date, Stand-In, outcome code of the
      reporting flow (0 executed, 4 Stand-In), local payment id; then totals per creditor and per IBAN.
      CSV: one header, a "record" column says transfer | total-creditor | total-iban | total.
      JSON: {from, to, rows: [...], totals: {count, amountCents, byCreditor, byIban}}.
      With --out the file is written whole or not at all, and a summary is printed on stdout.

Common options: --db FILE (default: SPORTELLO_DB or the data directory), --config FILE.
Exit 0 ok, 2 bad input (also: no database at that path), 3 storage error.`;

const FLAGS = { db: { type: 'string' }, config: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } as const;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Per-transfer export of confirmed payments for settlement',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'transfers') throw new CliError(sub ? `unknown sub-command "export ${sub}" (transfers)` : 'missing sub-command: sportello export transfers');
    const { values, positionals } = parseCliArgs(rest, FLAGS, false);
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
    const format = values.format;
    if (format !== 'csv' && format !== 'json') throw new CliError('--format must be csv or json');
    if (!values.from || !values.to) throw new CliError('--from and --to are required (YYYY-MM-DD)');
    const file = databasePathFor(loadConfig(values.config), values.db);
    if (!fs.existsSync(file)) throw new CliError(`no database at ${file}`);
    const db = openDatabase(file, { readonly: true });
    try {
      let x;
      try {
        x = exportTransfers(db, values.from, values.to);
      } catch (err) {
        if (err instanceof RangeError) throw new CliError(err.message);
        throw err;
      }
      const text = format === 'csv' ? transfersCsv(x) : `${JSON.stringify(x, null, 2)}\n`;
      if (!values.out) {
        io.stdout(text);
        return 0;
      }
      const out = path.resolve(values.out);
      const tmp = `${out}.${process.pid}.tmp`;
      try {
        const fd = fs.openSync(tmp, 'w');
        try {
          fs.writeSync(fd, text);
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        fs.renameSync(tmp, out);
      } catch (err) {
        fs.rmSync(tmp, { force: true });
        throw err;
      }
      printJson(io, { out, format, from: x.from, to: x.to, transfers: x.totals.count, amountCents: x.totals.amountCents });
      return 0;
    } finally {
      db.close();
    }
  },
};
