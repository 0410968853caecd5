// One writer per database (issue #9 §3): a second writer — in this process, in another process, or a
// second `sportello` command — is refused at once naming the holder; readers keep working; a holder that
// dies (SIGKILL) leaves nothing behind and the next writer takes over at once; a clean close releases.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, writeTransaction, type Db } from '../../src/main/core/store/database';
import { StoreError } from '../../src/main/core/store/errors';
import { ALL_MIGRATIONS } from '../../src/main/core/store/migrations';
import { defaultCommandLabel, readWriterHolder, writerHolderFile, type WriterHolder } from '../../src/main/core/store/writer-lock';
import { runCli } from '../../src/main/cli/main';
import type { CliIo } from '../../src/main/cli/command';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { admin, call, loginClerk, removeDir, startTestApp } from './app-helpers';

const root = path.resolve(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'sportello');
let childBundle: string;
let dir: string;
const open: Db[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  const mod = (await import(path.join(root, 'scripts', 'run-ts.mjs'))) as { bundleTs: (entry: string) => Promise<string> };
  childBundle = await mod.bundleTs('test/node/writer-lock-child.ts');
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function dbFile(): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-writer-'));
  return path.join(dir, 'sportello.db');
}

function keep(db: Db): Db {
  open.push(db);
  return db;
}

function refusal(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a StoreError, the open succeeded');
}

function expectNamesHolder(message: string, dbPath: string, holder: WriterHolder): void {
  expect(message).toBe(
    `the database ${dbPath} is in use by "${holder.command}" (pid ${holder.pid} on host ${holder.host}, since ${holder.since}): only one program may record payments. Use "Sincronizza ora" on the terminal, or stop it first.`,
  );
  expect(message).not.toMatch(/\n/);
}

/** Starts writer-lock-child.ts in `hold` mode and resolves once it holds the database. */
async function holdInChild(file: string): Promise<{ child: ChildProcessWithoutNullStreams; holder: WriterHolder }> {
  const child = spawn(process.execPath, [childBundle, 'hold', file], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] as string);
    });
    child.once('exit', (code) => reject(new Error(`holder exited ${String(code)} before holding: ${err}`)));
  });
  const ready = JSON.parse(line) as { pid: number; holder: WriterHolder };
  return { child, holder: ready.holder };
}

function exited(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function tryInChild(file: string): Promise<{ code: number | null; out: { ok?: boolean; kind?: string; message?: string } }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [childBundle, 'try', file], (error, stdout) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: JSON.parse(stdout) as { ok?: boolean } });
    });
  });
}

describe('writer lock in one process', () => {
  it('refuses a second writer at once, naming the holder (pid, host, since)', () => {
    const file = dbFile();
    keep(openDatabase(file, { writer: { command: 'sportello serve' } }));
    const holder = readWriterHolder(file);
    expect(holder).toMatchObject({ pid: process.pid, host: os.hostname(), command: 'sportello serve', since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const started = Date.now();
    const err = refusal(() => keep(openDatabase(file, { busyTimeoutMs: 5_000 })));
    expect(Date.now() - started).toBeLessThan(1_000); // refused at once, not after the busy timeout
    expect(err.kind).toBe('in-use');
    expectNamesHolder(err.message, file, holder as WriterHolder);
    expect(err.userMessage).toMatch(/in use by another Sportello program/);
  });

  it('readers keep working while the writer holds the database, and cannot write', () => {
    const file = dbFile();
    const writer = keep(openDatabase(file));
    writeTransaction(writer, () => writer.prepare("INSERT INTO meta (key, value) VALUES ('k', 'one')").run());
    const reader = keep(openDatabase(file, { readonly: true }));
    expect(reader.prepare("SELECT value FROM meta WHERE key = 'k'").get()).toEqual({ value: 'one' });
    // The writer keeps writing (WAL): the reader sees each commit, never an uncommitted one.
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare("UPDATE meta SET value = 'two' WHERE key = 'k'").run();
    expect(reader.prepare("SELECT value FROM meta WHERE key = 'k'").get()).toEqual({ value: 'one' });
    writer.exec('COMMIT');
    expect(reader.prepare("SELECT value FROM meta WHERE key = 'k'").get()).toEqual({ value: 'two' });
    const err = refusal(() => writeTransaction(reader, () => reader.prepare("UPDATE meta SET value = 'x' WHERE key = 'k'").run()));
    expect(err.kind).toBe('read-only');
    // A second reader, and a reader after the writer is gone, open too.
    keep(openDatabase(file, { readonly: true })).close();
    writer.close();
    expect(
      keep(openDatabase(file, { readonly: true }))
        .prepare("SELECT value FROM meta WHERE key = 'k'")
        .get(),
    ).toEqual({ value: 'two' });
  });

  it('a clean close releases the lock and its holder record; the next writer takes it', () => {
    const file = dbFile();
    const first = openDatabase(file);
    expect(fs.existsSync(writerHolderFile(file))).toBe(true);
    first.close();
    expect(fs.existsSync(writerHolderFile(file))).toBe(false);
    const second = keep(openDatabase(file, { writer: { command: 'sportello sync' } }));
    expect(readWriterHolder(file)).toMatchObject({ command: 'sportello sync', pid: process.pid });
    expect(second.prepare("SELECT value FROM meta WHERE key = 'created_at'").get()).toBeTruthy();
  });

  it('an open that fails (a bad migration) does not keep the lock', () => {
    const file = dbFile();
    const broken = {
      version: 999,
      name: 'broken',
      up: () => {
        throw new Error('boom');
      },
    };
    expect(refusal(() => openDatabase(file, { migrations: [...ALL_MIGRATIONS, broken] })).kind).toBe('migration-failed');
    keep(openDatabase(file)).close();
  });

  it('labels the holder after the command that runs', () => {
    expect(defaultCommandLabel(['node', '/opt/sportello/bin/sportello', 'sync', '--db', 'x.db'])).toBe('sportello sync');
    expect(defaultCommandLabel(['node', '/opt/sportello/bin/sportello', 'exceptions', 'resolve', 'p1'])).toBe('sportello exceptions resolve');
    expect(defaultCommandLabel(['node', '/opt/sportello/bin/sportello', 'pay', '--qr', 'PAGOPA|…'])).toBe('sportello pay');
    expect(defaultCommandLabel(['node', '/x/vitest.mjs'])).toBe('node vitest.mjs');
  });
});

describe('writer lock across processes', () => {
  it('a second process is refused while this one writes; it names this process', async () => {
    const file = dbFile();
    keep(openDatabase(file, { writer: { command: 'sportello serve' } }));
    const r = await tryInChild(file);
    expect(r.code).toBe(3);
    expect(r.out.kind).toBe('in-use');
    expectNamesHolder(r.out.message as string, file, readWriterHolder(file) as WriterHolder);
  });

  it('this process is refused while another writes; reads keep working; SIGKILL of the holder frees it at once', async () => {
    const file = dbFile();
    const { child, holder } = await holdInChild(file);
    expect(holder).toMatchObject({ pid: child.pid, command: 'test holder', bootId: 'boot-child', host: os.hostname() });
    const err = refusal(() => keep(openDatabase(file)));
    expect(err.kind).toBe('in-use');
    expectNamesHolder(err.message, file, holder);
    const reader = keep(openDatabase(file, { readonly: true }));
    expect(reader.prepare("SELECT value FROM meta WHERE key = 'child'").get()).toEqual({ value: String(child.pid) });
    reader.close();

    child.kill('SIGKILL');
    await exited(child);
    const started = Date.now();
    const next = keep(openDatabase(file, { busyTimeoutMs: 5_000 }));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(next.prepare("SELECT value FROM meta WHERE key = 'child'").get()).toEqual({ value: String(child.pid) });
    expect(readWriterHolder(file)).toMatchObject({ pid: process.pid });
  });

  it('a holder that closes cleanly (SIGTERM) lets the next process write', async () => {
    const file = dbFile();
    const { child } = await holdInChild(file);
    expect((await tryInChild(file)).out.kind).toBe('in-use');
    child.kill('SIGTERM');
    await exited(child);
    expect(child.exitCode).toBe(0);
    expect(await tryInChild(file)).toEqual({ code: 0, out: { ok: true } });
  });
});

describe('sportello commands while another program writes the database', () => {
  let file: string;
  let holding: { child: ChildProcessWithoutNullStreams; holder: WriterHolder };

  function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = execFile(process.execPath, [bin, ...args], { env: { ...process.env, SPORTELLO_CONFIG: '' }, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
      child.stdin?.end('1234\n'); // the acting operator's PIN (never on the command line)
    });
  }

  beforeAll(async () => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-writer-cli-')), 'sportello.db');
    holding = await holdInChild(file);
    children.splice(children.indexOf(holding.child), 1); // kept for the whole describe
  }, 60_000);
  afterAll(async () => {
    holding.child.kill('SIGKILL');
    await exited(holding.child);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('sync is refused at once (exit 3) with the holder named on stderr; nothing else is written', async () => {
    const r = await cli('sync', '--db', file, '--node-url', 'http://127.0.0.1:9/unused');
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expectNamesHolder(r.stderr.trimEnd(), file, holding.holder);
  }, 60_000);

  it('queue, exceptions list and journal verify keep working', async () => {
    const queue = await cli('queue', '--db', file);
    expect(queue.stderr).toBe('');
    expect(queue.code).toBe(0);
    expect(JSON.parse(queue.stdout)).toMatchObject({ pendingCount: 0, exceptionCount: 0 });
    const exceptions = await cli('exceptions', 'list', '--db', file);
    expect(exceptions.code).toBe(0);
    expect(JSON.parse(exceptions.stdout)).toEqual([]);
    const journal = await cli('journal', 'verify', '--db', file);
    expect(journal.code).toBe(0);
    expect(JSON.parse(journal.stdout)).toMatchObject({ ok: true });
    const status = await cli('shift', 'status', '--db', file);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ shift: null });
    // report x reads too: it gets as far as the rule (no shift open), not a storage refusal.
    const x = await cli('report', 'x', '--db', file);
    expect(x).toMatchObject({ code: 4, stderr: expect.stringMatching(/^no shift is open on terminal/) });
  }, 60_000);

  it('a command that records (shift open) is refused the same way', async () => {
    const r = await cli('shift', 'open', '--operator', 'mario', '--float', '100', '--db', file);
    expect(r.code).toBe(3);
    expectNamesHolder(r.stderr.trimEnd(), file, holding.holder);
  }, 60_000);
});

describe('the terminal is running (issue #9 §3: sync used to "recover" the live counter\'s payment)', () => {
  it('sportello sync in the same process is refused; the activated payment is untouched and the clerk collects it', async () => {
    const t = await startTestApp();
    try {
      await loginClerk(t.app);
      const file = path.join(t.dataDir, 'sportello.db');
      const plain = DEMO_NOTICES.plain;
      const r = await call(t.app, 'notice/lookup', { source: 'scan', raw: plain.qr });
      const begun = await call(t.app, 'payment/begin', { quoteId: r.quote.quoteId, method: 'cash' });
      const nodeAdmin = t.app.demo!.nodeSimulatorAdmin!;

      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), env: {}, stopSignal: new Promise(() => undefined) };
      expect(await runCli(['sync', '--db', file], io)).toBe(3);
      expect(err.join('')).toMatch(
        /^the database .* is in use by ".*" \(pid \d+ on host .*, since .*\): only one program may record payments\. Use "Sincronizza ora" on the terminal, or stop it first\.\n$/,
      );
      expect(out.join('')).toBe('');
      // Reading still works meanwhile.
      expect(await runCli(['queue', '--db', file], { ...io, stdout: (s) => void out.push(s) })).toBe(0);

      const paid = await call(t.app, 'payment/collectCash', { paymentId: begun.id, tenderedCents: 20_000 });
      expect(paid).toMatchObject({ state: 'paid', outcome: 'confirmed' });
      const ledger = (await admin(`${nodeAdmin}ledger`)) as { noticeNumber: string; outcome: string }[];
      expect(ledger.filter((e) => e.noticeNumber === plain.noticeNumber).map((e) => e.outcome)).toEqual(['OK']);
    } finally {
      await t.close();
      removeDir(t.dataDir);
    }
  }, 60_000);
});
