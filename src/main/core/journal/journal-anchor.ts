// Tamper evidence outside the database (issue #10 §1). A per-terminal key, generated at first run and kept
// beside the database but never in it (`<db>-journal.key`, mode 0600), signs (HMAC-SHA-256) a head record
// (`<db>-journal.head`): the seq and hash of the last journal entry the terminal wrote, rewritten at every
// start, every 5 s while it moves (the app's timer) and at clean close. Because the chain makes each
// hash depend on every earlier entry, a keyed anchor over the head makes the whole chain up to it keyed:
// rewriting any earlier entry (even recomputing every later hash), or deleting entries up to the anchor,
// no longer matches the signed head. Without the key no valid head can be forged.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/database';
import { verifyJournal, type JournalVerification } from './journal';

export type JournalHead = { readonly seq: number; readonly hash: string; readonly at: string };

export type AnchorFiles = { readonly keyFile: string; readonly headFile: string };

export function anchorFiles(dbFile: string): AnchorFiles {
  const abs = path.resolve(dbFile);
  return { keyFile: `${abs}-journal.key`, headFile: `${abs}-journal.head` };
}

/** The terminal's MAC key, created (32 random bytes, 0600) when `create` and absent. */
export function loadJournalKey(dbFile: string, opts: { create: boolean }): Buffer | null {
  const { keyFile } = anchorFiles(dbFile);
  try {
    const hex = fs.readFileSync(keyFile, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, 'hex');
    return null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !opts.create) return null;
  }
  const key = randomBytes(32);
  const fd = fs.openSync(keyFile, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${key.toString('hex')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return key;
}

function mac(key: Buffer, h: JournalHead): string {
  return createHmac('sha256', key).update(`sportello-journal-head\n${h.seq}\n${h.hash}\n${h.at}`).digest('hex');
}

export type HeadRead = { kind: 'none' } | { kind: 'forged'; reason: string } | { kind: 'ok'; head: JournalHead };

export function readJournalHead(dbFile: string, key: Buffer): HeadRead {
  let text: string;
  try {
    text = fs.readFileSync(anchorFiles(dbFile).headFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'forged', reason: `head record unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const j = JSON.parse(text) as { seq?: unknown; hash?: unknown; at?: unknown; mac?: unknown };
    if (typeof j.seq !== 'number' || typeof j.hash !== 'string' || typeof j.at !== 'string' || typeof j.mac !== 'string') return { kind: 'forged', reason: 'head record malformed' };
    const head = { seq: j.seq, hash: j.hash, at: j.at };
    const want = Buffer.from(mac(key, head), 'hex');
    const got = Buffer.from(j.mac, 'hex');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return { kind: 'forged', reason: 'head record signature does not match this terminal key' };
    return { kind: 'ok', head };
  } catch {
    return { kind: 'forged', reason: 'head record malformed' };
  }
}

/** Signs and writes the current head atomically (temp file, fsync, rename). */
export function writeJournalHead(dbFile: string, key: Buffer, head: JournalHead): void {
  const { headFile } = anchorFiles(dbFile);
  const tmp = `${headFile}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify({ ...head, mac: mac(key, head) })}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, headFile);
}

export function currentHead(db: Db, at: string): JournalHead {
  const r = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  return { seq: r?.seq ?? 0, hash: r?.hash ?? '0'.repeat(64), at };
}

export type JournalIntegrity =
  { readonly ok: true; readonly count: number; readonly anchoredSeq: number; readonly checkedFrom: number } | { readonly ok: false; readonly firstBadSeq: number | null; readonly reason: string };

/**
 * Verifies the journal against the signed head. `incremental` (start-up) walks only the entries after the
 * anchor; otherwise (journal verify) the whole chain. Tail truncation — entries deleted after the last
 * anchor was written, up to it — is caught because the anchored entry must still be there with its hash.
 */
export function verifyAgainstAnchor(db: Db, dbFile: string, key: Buffer | null, opts: { incremental: boolean }): JournalIntegrity {
  const head: HeadRead = key ? readJournalHead(dbFile, key) : { kind: 'none' };
  if (head.kind === 'forged') return { ok: false, firstBadSeq: null, reason: head.reason };
  const full = opts.incremental && head.kind === 'ok' ? null : verifyJournal(db);
  if (full && !full.ok) return { ok: false, firstBadSeq: full.firstBadSeq, reason: full.reason };
  if (head.kind === 'none') return { ok: true, count: full?.ok ? full.count : 0, anchoredSeq: 0, checkedFrom: 1 };
  const r: JournalVerification = verifyJournal(db, head.head);
  if (!r.ok) return { ok: false, firstBadSeq: r.firstBadSeq, reason: r.reason };
  return { ok: true, count: r.count, anchoredSeq: head.head.seq, checkedFrom: opts.incremental ? head.head.seq + 1 : 1 };
}

const KEY_CREATED = 'journal.key-created';

function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('sportello-journal-key-fingerprint').digest('hex').slice(0, 16);
}

/**
 * What `journal verify` and the start-up check share: the anchor verification plus the key's own history.
 * Once a key was created for this database (journaled as 'journal.key-created' with its fingerprint), a
 * missing or different key, or a missing head record, is itself a failure — deleting the files beside the
 * database cannot reset the evidence.
 */
export function checkJournalIntegrity(db: Db, dbFile: string, key: Buffer | null, opts: { incremental: boolean }): JournalIntegrity {
  // The literal type matches the partial index journal_key_created (migration 31): no scan of the journal.
  const created = db.prepare(`SELECT seq, data FROM journal WHERE type = '${KEY_CREATED}' ORDER BY seq DESC LIMIT 1`).get() as { seq: number; data: string } | undefined;
  if (created) {
    const fp = (JSON.parse(created.data) as { fingerprint?: string }).fingerprint;
    if (!key) return { ok: false, firstBadSeq: created.seq, reason: `the terminal journal key is missing (${anchorFiles(dbFile).keyFile}); it was created at entry ${created.seq}` };
    if (fp !== keyFingerprint(key)) return { ok: false, firstBadSeq: created.seq, reason: `the terminal journal key is not the one created at entry ${created.seq}` };
    if (readJournalHead(dbFile, key).kind === 'none') return { ok: false, firstBadSeq: null, reason: `the signed journal head record is missing (${anchorFiles(dbFile).headFile})` };
  }
  return verifyAgainstAnchor(db, dbFile, key, opts);
}

export type JournalGuard = {
  /** The result of the start-up check (sales are refused while it is not ok). */
  readonly integrity: () => JournalIntegrity;
  /** Signs the current head (start-up, Z report, clean close); does nothing while the check failed. */
  anchor(): void;
  /**
   * A technician has seen the broken journal (the evidence stays: the bad entries are untouched and the
   * acknowledgement is journaled with what was broken); the head is re-signed and sales may resume.
   */
  acknowledge(technicianId: string): void;
};

/**
 * Start-up (writer): key (created at first run, journaled), incremental verification against the signed
 * head, then a fresh anchor. A failed check is kept — never re-anchored over — so the evidence stays.
 */
/**
 * What the journal alone cannot prove (issue #10 §1): that the rows the reports read still match what was
 * journaled. The payments area supplies it (row seals); the guard runs it after the chain check.
 */
export type RowEvidence = {
  check(): { readonly ok: true } | { readonly ok: false; readonly reason: string };
  /** Records the changed rows as seen by a technician (journaled), so payments can resume. */
  acknowledge(technicianId: string): void;
};

export function startJournalGuard(db: Db, dbFile: string, now: () => string, append: (type: string, data: Record<string, unknown>) => void, rows?: RowEvidence): JournalGuard {
  let key = loadJournalKey(dbFile, { create: false });
  let integrity: JournalIntegrity;
  if (!key && !db.prepare(`SELECT 1 FROM journal WHERE type = '${KEY_CREATED}' LIMIT 1`).get()) {
    // First run (or a database from before issue #10): create and record the key, anchor the current head.
    // The chain before it is not walked here — a year of entries takes tens of seconds (bench
    // journal-verify); `sportello journal verify` walks it whole.
    key = loadJournalKey(dbFile, { create: true });
    if (key) append(KEY_CREATED, { fingerprint: keyFingerprint(key) });
    const head = currentHead(db, now());
    integrity = { ok: true, count: head.seq, anchoredSeq: head.seq, checkedFrom: head.seq + 1 };
  } else {
    integrity = checkJournalIntegrity(db, dbFile, key, { incremental: true });
  }
  const rowCheck = integrity.ok ? rows?.check() : undefined;
  if (rowCheck && !rowCheck.ok) integrity = { ok: false, firstBadSeq: null, reason: rowCheck.reason };
  let anchored = '';
  const anchor = () => {
    if (!integrity.ok || !key) return;
    const head = currentHead(db, now());
    if (`${head.seq}:${head.hash}` === anchored) return; // unchanged since the last anchor: no write
    writeJournalHead(dbFile, key, head);
    anchored = `${head.seq}:${head.hash}`;
  };
  anchor();
  const acknowledge = (technicianId: string) => {
    if (integrity.ok) return;
    key ??= loadJournalKey(dbFile, { create: true });
    append('journal.break-acknowledged', { by: technicianId, firstBadSeq: integrity.firstBadSeq, reason: integrity.reason, ...(key ? { fingerprint: keyFingerprint(key) } : {}) });
    rows?.acknowledge(technicianId);
    if (key && !db.prepare(`SELECT 1 FROM journal WHERE type = '${KEY_CREATED}' LIMIT 1`).get()) append(KEY_CREATED, { fingerprint: keyFingerprint(key) });
    const head = currentHead(db, now());
    integrity = { ok: true, count: head.seq, anchoredSeq: head.seq, checkedFrom: head.seq + 1 };
    anchor();
  };
  return { integrity: () => integrity, anchor, acknowledge };
}
