// A second process for store-writer-lock.test.ts, bundled with scripts/run-ts.mjs and run as plain
// `node x.cjs MODE DB` (no wrapper process, so SIGKILL reaches the holder itself).
//   hold DB  opens DB as the writer ("test holder"), records a row, prints {"ready":…} and waits for SIGTERM
//            (clean close, exit 0) or SIGKILL.
//   try DB   tries to open DB as a writer; prints {"ok":true} or {"kind","message"} and exits 0 / 3.
import { openDatabase } from '../../src/main/core/store/database';
import { StoreError } from '../../src/main/core/store/errors';
import { readWriterHolder } from '../../src/main/core/store/writer-lock';

const [mode, file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: writer-lock-child hold|try DB\n');
  process.exit(2);
}

if (mode === 'hold') {
  const db = openDatabase(file, { writer: { command: 'test holder', bootId: 'boot-child' } });
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('child', ?)").run(String(process.pid));
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, holder: readWriterHolder(file) })}\n`);
  const timer = setInterval(() => undefined, 1000);
  process.once('SIGTERM', () => {
    clearInterval(timer);
    db.close();
    process.exit(0);
  });
} else if (mode === 'try') {
  try {
    openDatabase(file).close();
    process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    process.stdout.write(`${JSON.stringify({ kind: err.kind, message: err.message })}\n`);
    process.exit(3);
  }
} else {
  process.stderr.write(`unknown mode ${String(mode)}\n`);
  process.exit(2);
}
