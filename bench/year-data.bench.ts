// Issue #16 §3: housekeeping for a year of data. Builds the database a busy counter accumulates in a year
// (300 days × 400 cash payments; the default is 30 days so `npm run bench` stays short), each payment with
// the journal entries and the printed receipt job a real collection leaves, one shift a day closed with its
// Z report, then measures what must stay fast
// on that volume: core start (createApp: integrity check, migrations, recovery), the X report of the open
// shift, the Z report (shift close), the journal export (CSV) and the journal verification.
// The rows are fixtures written with the stores' own insert APIs and a moving clock (a bench shortcut, as
// in queue-drain: the app only writes payments through the state machine); the receipt bytes and document
// are those of a real receipt printed by the app in a first, short real run.
//   node scripts/run-ts.mjs bench/year-data.bench.ts [days=30] [paymentsPerDay=400]   (a year: 300 400)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/main/app/create-app';
import { parseConfig } from '../src/main/core/config/load';
import { appendJournal, exportJournal, verifyJournal } from '../src/main/core/journal/journal';
import { PaymentRepository } from '../src/main/core/payments/repository';
import { PrintJobStore } from '../src/main/core/printing/print-job-store';
import { createShiftServices } from '../src/main/core/shifts/create-shift-services';
import { openDatabase, writeTransaction } from '../src/main/core/store/database';
import { generatePositions } from '../src/main/node-sim/simulator';

const DAYS = Number(process.argv[2] ?? 30);
const PER_DAY = Number(process.argv[3] ?? 400);
/** The fields of the answers this bench reads. */
type Answer = { quote: { quoteId: string }; id: string; totalCents: number };
const DAY_MS = 86_400_000;

const ms = (t0: number) => performance.now() - t0;
const mib = (b: number) => (b / 1024 / 1024).toFixed(0);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-year-'));
  try {
    // 1. One real cash payment through the app: its receipt job is the template of every synthetic one.
    // Its log lines as the file sink would write them (JSON lines), to estimate a year of logs.
    let logBytes = 0;
    const countLog = (r: unknown) => {
      logBytes += JSON.stringify(r).length + 1;
    };
    const sample = await createApp({ config: parseConfig({}), dataDir: path.join(dir, 'sample'), demoAccounts: true, logSinks: [countLog] });
    const ok = async (name: string, arg?: unknown): Promise<Answer> => {
      const r = await sample.dispatch(name, arg);
      if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r)}`);
      return r.value as Answer;
    };
    await ok('session/login', { operatorId: 'mario', pin: '1234' });
    await ok('shift/open', { openingFloatCents: 10_000 });
    const pos = generatePositions(1, 31_337)[0]!;
    const logBefore = logBytes;
    const q = await ok('notice/lookup', { source: 'manual', noticeNumber: pos.noticeNumber, fiscalCode: pos.fiscalCode });
    const begun = await ok('payment/begin', { quoteId: q.quote.quoteId, method: 'cash' });
    const paid = await ok('payment/collectCash', { paymentId: begun.id, tenderedCents: begun.totalCents });
    const logPerPayment = logBytes - logBefore;
    const tmpl = sample.db.prepare("SELECT receipt_data AS doc, bytes FROM print_jobs WHERE kind = 'payment' ORDER BY id LIMIT 1").get() as { doc: string; bytes: Buffer };
    const journalPerPayment = (sample.db.prepare('SELECT COUNT(*) AS n FROM journal WHERE payment_id = ?').get(paid.id) as { n: number }).n;
    await sample.close();

    // 2. A year of data in the production database file.
    const dbFile = path.join(dir, 'sportello.db');
    let now = Date.parse('2025-11-27T08:00:00Z');
    const clock = { now: () => now };
    const t0 = performance.now();
    {
      const db = openDatabase(dbFile);
      const { operators, shifts } = await createShiftServices({ db, clock, terminalId: 'T01', demo: true });
      void operators;
      const repo = new PaymentRepository(db, () => now);
      const jobs = new PrintJobStore(db);
      const doc = JSON.parse(tmpl.doc) as never;
      const positions = generatePositions(DAYS * PER_DAY, 4_040);
      let k = 0;
      for (let day = 0; day < DAYS; day++) {
        now = Date.parse('2025-11-27T08:00:00Z') + day * DAY_MS;
        shifts.open('mario', 10_000);
        writeTransaction(db, () => {
          for (let i = 0; i < PER_DAY; i++, k++) {
            const p = positions[k]!;
            now += 60_000;
            const fee = 200;
            const row = repo.insert(
              {
                state: 'confirmed',
                mode: 'online',
                channel: 'counter',
                terminalId: 'T01',
                operatorId: 'mario',
                bootId: 'year',
                noticeNumber: p.noticeNumber,
                fiscalCode: p.fiscalCode,
                source: 'qr',
                printedAmountCents: p.amountCents,
                amountCents: p.amountCents,
                feeCents: fee,
                method: 'cash',
                tenderedCents: p.amountCents + fee,
                changeCents: 0,
                collectedCents: p.amountCents + fee,
                collectedAt: now,
                paymentToken: `${String(k).padStart(32, '0')}`,
              },
              (seq: number) => `T01-${String(seq).padStart(6, '0')}`,
              { type: 'payment.created' },
            );
            // The rest of a real collection's journal (verify, activate, drawer, collect, outcome, print…).
            for (let j = 1; j < journalPerPayment; j++)
              appendJournal(db, { type: 'payment.step', paymentId: row.id, operatorId: 'mario', data: { step: j, state: 'confirmed' }, at: new Date(now).toISOString() });
            const job = jobs.insert({ kind: 'payment', paymentId: row.id, document: doc, bytes: tmpl.bytes, copyOf: null, at: new Date(now).toISOString(), by: 'mario' });
            db.prepare("UPDATE print_jobs SET state = 'printed', printed_at = ?, attempts = 1 WHERE id = ?").run(new Date(now).toISOString(), job.id);
          }
        });
        if (day < DAYS - 1) shifts.close('mario', 10_000 + 0, { acknowledgeWarnings: true });
      }
      db.close();
    }
    const buildS = ms(t0) / 1000;
    const dbBytes = fs.statSync(dbFile).size + (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0);

    // 3. What must stay fast on that volume.
    const c0 = performance.now();
    const app = await createApp({ config: parseConfig({}), dataDir: dir, dbFile, devices: 'none', headless: true, demoAccounts: true });
    const startMs = ms(c0);
    const x0 = performance.now();
    const x = app.services.shifts.xReport();
    const xMs = ms(x0);
    const z0 = performance.now();
    app.services.shifts.close('mario', 10_000, { acknowledgeWarnings: true });
    const zMs = ms(z0);
    const e0 = performance.now();
    let exportBytes = 0;
    const entries = exportJournal(app.db, 'csv', (chunk) => {
      exportBytes += chunk.length;
    });
    const exportMs = ms(e0);
    const v0 = performance.now();
    const verified = verifyJournal(app.db);
    const verifyMs = ms(v0);
    await app.close();

    const payments = DAYS * PER_DAY;
    process.stdout.write(
      [
        `year-data: ${DAYS} days × ${PER_DAY} cash payments = ${payments} payments, ${entries} journal entries (${journalPerPayment}/payment), ${payments} receipt jobs of ${tmpl.bytes.length} bytes, ${DAYS - 1} Z reports; built in ${buildS.toFixed(0)} s`,
        `  database ${mib(dbBytes)} MiB (${(dbBytes / payments / 1024).toFixed(1)} KiB/payment); logs at info level ${logPerPayment} bytes/payment → ${mib(logPerPayment * payments)} MiB a year before rotation`,
        `  core start on it ${startMs.toFixed(0)} ms; X report (${x.totals.count} payments today) ${xMs.toFixed(1)} ms; Z report ${zMs.toFixed(1)} ms`,
        `  journal export CSV ${(exportBytes / 1024 / 1024).toFixed(0)} MiB in ${(exportMs / 1000).toFixed(1)} s; journal verify ${verified.ok ? 'ok' : 'BROKEN'} in ${(verifyMs / 1000).toFixed(1)} s`,
        `year-data (${payments} payments, ${mib(dbBytes)} MiB): start ${startMs.toFixed(0)} ms, X ${xMs.toFixed(0)} ms, Z ${zMs.toFixed(0)} ms, export ${(exportMs / 1000).toFixed(1)} s`,
      ].join('\n') + '\n',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
