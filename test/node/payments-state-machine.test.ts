// One state machine (issue #9 §2): every edge of the table is walked on a real SQLite file and leaves
// exactly one journal entry, one change event and a version bump; every edge NOT in the table is refused
// and writes nothing. The named predicates agree with the schema's own lists, the README's diagram is
// generated from the table, and no other code writes a payment's state.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listJournal } from '../../src/main/core/journal/journal';
import { PaymentError } from '../../src/main/core/payments/errors';
import { PaymentRepository } from '../../src/main/core/payments/repository';
import { FINAL, HOLDS_NOTICE, PAYMENT_STATES, PaymentStateMachine, renderMermaid, TRANSITIONS, type PaymentEvent } from '../../src/main/core/payments/state-machine';
import type { Payment, PaymentState } from '../../src/main/core/payments/types';
import { openDatabase, type Db } from '../../src/main/core/store/database';

const root = path.resolve(__dirname, '../..');
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

function rig() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-sm-'));
  db = openDatabase(path.join(dir, 'sm.db'));
  const repo = new PaymentRepository(db, () => 1_700_000_000_000);
  const machine = new PaymentStateMachine(repo);
  const events: Payment[] = [];
  machine.onChange((p) => events.push(p));
  let n = 0;
  // A fixture row in any state, written with the repository (only the test may do this).
  const at = (state: PaymentState): Payment => {
    n += 1;
    return repo.insert(
      {
        state,
        mode: 'online',
        channel: 'counter',
        terminalId: 'T01',
        operatorId: 'op',
        bootId: 'b',
        noticeNumber: `3${String(n).padStart(17, '0')}`,
        fiscalCode: '01199250158',
        source: 'manual',
        amountCents: 100,
      },
      (seq) => `T01-${String(seq).padStart(6, '0')}`,
      { type: 'fixture' },
    );
  };
  const journalCount = () => ((db as Db).prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
  return { repo, machine, events, at, journalCount };
}

const edges = Object.entries(TRANSITIONS).flatMap(([event, rule]) => rule.edges.map(([from, to]) => ({ event: event as PaymentEvent, from, to, journal: rule.journal })));

describe('the transition table', () => {
  it.each(edges.filter((e) => e.from !== null).map((e) => [`${e.event}: ${e.from} → ${e.to}`, e] as const))('%s commits one journal entry, one event, one version', (_name, e) => {
    const r = rig();
    const p = r.at(e.from as PaymentState);
    const before = r.journalCount();
    r.events.length = 0;
    const next = r.machine.apply(e.event, p.id, { state: e.to });
    expect(next.state).toBe(e.to);
    expect(next.version).toBe(p.version + 1);
    expect(r.journalCount()).toBe(before + 1);
    const last = listJournal(db as Db, { limit: 100_000 }).at(-1)!;
    expect(last.type).toBe(e.journal);
    expect(last.paymentId).toBe(p.id);
    expect(last.data).toMatchObject({ event: e.event, from: e.from, state: e.to });
    expect(r.events.map((x) => [x.id, x.state, x.version])).toEqual([[p.id, e.to, p.version + 1]]);
  });

  it.each(edges.filter((e) => e.from === null).map((e) => [e.event, e] as const))('%s creates the payment with one journal entry and one event', (_name, e) => {
    const r = rig();
    const before = r.journalCount();
    const p = r.machine.create(
      e.event,
      { state: e.to, mode: 'online', channel: 'counter', terminalId: 'T01', operatorId: 'op', bootId: 'b', noticeNumber: '301202600000000103', fiscalCode: '01199250158', source: 'qr' },
      (s) => `T01-${s}`,
    );
    expect(p.state).toBe(e.to);
    expect(r.journalCount()).toBe(before + 1);
    expect(r.events.map((x) => x.id)).toEqual([p.id]);
  });

  it('refuses every edge the table does not list, writing nothing', () => {
    const r = rig();
    const rows = new Map(PAYMENT_STATES.map((s) => [s, r.at(s)] as const));
    const before = r.journalCount();
    r.events.length = 0;
    let refused = 0;
    for (const [event, rule] of Object.entries(TRANSITIONS) as [PaymentEvent, (typeof TRANSITIONS)[PaymentEvent]][]) {
      for (const from of PAYMENT_STATES) {
        for (const to of PAYMENT_STATES) {
          if (rule.edges.some(([f, t]) => f === from && t === to)) continue;
          const p = rows.get(from)!;
          expect(() => r.machine.apply(event, p.id, { state: to }), `${event}: ${from} → ${to}`).toThrow(PaymentError);
          refused += 1;
        }
      }
    }
    for (const [state, p] of rows) expect(r.repo.require(p.id)).toMatchObject({ state, version: p.version });
    expect(r.journalCount()).toBe(before);
    expect(r.events).toEqual([]);
    expect(refused).toBeGreaterThan(5000);
  });

  it('refuses a write when the payment moved since the caller read it', () => {
    const r = rig();
    const p = r.at('activated');
    r.machine.apply('cancelling', p.id, { state: 'cancelling' });
    expect(() => r.machine.apply('outcome-retry-scheduled', p.id, { outcomeAttempts: 1 }, { expectState: 'collected' })).toThrow(/is cancelling, expected collected/);
    expect(() => r.machine.apply('outcome-retry-scheduled', p.id, { outcomeAttempts: 1 }, { expectVersion: p.version })).toThrow(/changed concurrently/);
  });

  it('annotations record a fact in any state and can never move the payment', () => {
    const r = rig();
    const p = r.at('offline-queued');
    const next = r.machine.annotate('sync-deferred', p.id, { lastError: 'PPT_STAZIONE_INT_PA_TIMEOUT' });
    expect(next).toMatchObject({ state: 'offline-queued', lastError: 'PPT_STAZIONE_INT_PA_TIMEOUT', version: p.version + 1 });
    expect(r.events.at(-1)?.id).toBe(p.id);
  });
});

describe('predicates and the schema agree with the table', () => {
  it('every state of the table is a state of the schema, and the notice guard index is HOLDS_NOTICE', () => {
    const r = rig();
    void r;
    const sql = (name: string) => ((db as Db).prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql;
    const table = sql('payments');
    for (const s of PAYMENT_STATES) expect(table).toContain(`'${s}'`);
    const listed = [...sql('payments_notice_in_flight').matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set(HOLDS_NOTICE));
  });

  it('final states have no way out; every non-final state is reachable from a creation', () => {
    expect(new Set(FINAL)).toEqual(new Set(['printed', 'voided', 'resolved']));
    const reach = new Set<string>();
    const frontier = edges.filter((e) => e.from === null).map((e) => e.to as string);
    while (frontier.length) {
      const s = frontier.pop()!;
      if (reach.has(s)) continue;
      reach.add(s);
      for (const e of edges) if (e.from === s) frontier.push(e.to);
    }
    expect(new Set(reach)).toEqual(new Set(PAYMENT_STATES));
  });
});

describe('one writer of payment state', () => {
  it('the payments README shows the diagram generated from the table', () => {
    const readme = fs.readFileSync(path.join(root, 'src/main/core/payments/README.md'), 'utf8');
    const block = /<!-- state-diagram:begin -->\n```mermaid\n([\s\S]*?)\n```\n<!-- state-diagram:end -->/.exec(readme);
    expect(block, 'README.md needs the generated block: node scripts/run-ts.mjs scripts/state-diagram.ts --write').not.toBeNull();
    expect(block![1]).toBe(renderMermaid());
  });

  it('no code outside the repository writes the payments table, and only the state machine calls its writers', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const f = path.join(d, e.name);
        if (e.isDirectory()) walk(f);
        else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) files.push(f);
      }
    };
    for (const d of ['src', 'drivers']) walk(path.join(root, d));
    const offenders: string[] = [];
    for (const f of files) {
      const rel = path.relative(root, f);
      const text = fs.readFileSync(f, 'utf8');
      if (rel !== 'src/main/core/payments/repository.ts' && !rel.startsWith('src/main/core/store/migrations/') && /\b(UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+payments\b/i.test(text))
        offenders.push(`${rel}: SQL write to payments`);
      if (rel !== 'src/main/core/payments/state-machine.ts' && /\brepo\.(update|insert)\(/.test(text)) offenders.push(`${rel}: repository write outside the state machine`);
    }
    expect(offenders).toEqual([]);
  });
});
