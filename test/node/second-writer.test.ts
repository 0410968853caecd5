// One writer per database, tried as the technician in issue #9 did: with `sportello serve` running and a
// payment activated (cash) or charging (card) at the counter, a second program on the same database —
// `sportello sync`, a second `serve`, `pay` — is refused at once with a message naming the holder, the
// live payment is untouched, and the counter finishes it. Read-only commands keep working meanwhile.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_NOTICES } from '../../src/main/node-sim/simulator';
import { invoke } from './bridge-helpers';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/sportello');
const children: ChildProcess[] = [];
let dataDir = '';

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function lines(stream: NodeJS.ReadableStream, n: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let buf = '';
    stream.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      const got = buf.split('\n');
      if (got.length > n) resolve(got.slice(0, n));
    });
    stream.on('end', () => reject(new Error(`stdout ended: ${JSON.stringify(buf)}`)));
  });
}

function cli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = execFile(process.execPath, [bin, ...args], { env: { ...process.env, SPORTELLO_CONFIG: '' } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    c.stdin?.end(stdin);
  });
}

async function serve() {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-2w-'));
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SPORTELLO_CONFIG: '' } });
  children.push(child);
  const [url, demoLine] = await lines(child.stdout!, 2);
  const m = /:(\d+)\/#sportello-token=(.+)$/.exec(url!)!;
  const port = Number(m[1]);
  const token = m[2]!;
  const call = async (name: string, arg?: unknown) => {
    const r = JSON.parse((await invoke(port, token, name, arg)).body) as { ok: boolean; value?: Record<string, unknown>; error?: unknown };
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as Record<string, unknown>;
  };
  await call('session/login', { operatorId: 'mario', pin: '1234' });
  await call('shift/open', { openingFloatCents: 10_000 });
  const demo = JSON.parse(demoLine!) as { deviceLabAdmin: string | null };
  return { child, call, db: path.join(dataDir, 'sportello.db'), lab: demo.deviceLabAdmin };
}

async function quote(call: (n: string, a?: unknown) => Promise<Record<string, unknown>>, qr: string): Promise<string> {
  const q = await call('notice/lookup', { source: 'scan', raw: qr });
  return (q.quote as { quoteId: string }).quoteId;
}

describe('one writer per database', () => {
  it('a cash payment activated at the counter survives `sync`, a second `serve` and `pay` on the same database', async () => {
    const { child, call, db } = await serve();
    const id = await quote(call, DEMO_NOTICES.plain.qr);
    expect(await call('payment/begin', { quoteId: id, method: 'cash' })).toMatchObject({ id, state: 'pending' });

    const sync = await cli(['sync', '--db', db]);
    expect(sync.code).not.toBe(0);
    expect(sync.stderr).toContain(`pid ${child.pid}`);
    expect(sync.stderr).toMatch(/sportello serve/);
    expect(sync.stderr).toMatch(/Sincronizza ora/);
    expect(sync.stderr.trim().split('\n')).toHaveLength(1);

    const second = await cli(['serve', '--port', '0', '--data-dir', dataDir]);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`pid ${child.pid}`);

    const pay = await cli(['pay', '--qr', DEMO_NOTICES.second.qr, '--method', 'cash', '--db', db, '--operator', 'mario'], '1234\n');
    expect(pay.code).not.toBe(0);
    expect(pay.stderr).toContain(`pid ${child.pid}`);

    // Read-only commands keep working while the terminal runs.
    const q = await cli(['queue', '--db', db]);
    expect(q.code, q.stderr).toBe(0);
    const x = await cli(['report', 'x', '--db', db]);
    expect(x.code, x.stderr).toBe(0);

    // The live payment is untouched: the clerk collects it and pagoPA gets its OK.
    const paid = await call('payment/collectCash', { paymentId: id, tenderedCents: 20_000 });
    expect(paid).toMatchObject({ id, state: 'paid', outcome: 'confirmed' });
  });

  it('a card charge under way is untouched by `sync`; the approval is recorded in the payment and the journal', async () => {
    const { child, call, db, lab } = await serve();
    expect(lab).not.toBeNull();
    // The cardholder takes their time: the charge is in progress when the technician runs sync.
    await fetch(`${lab}/terminal/scenario?name=slow&slowMs=2500`, { method: 'POST' });
    const id = await quote(call, DEMO_NOTICES.plain.qr);
    await call('payment/begin', { quoteId: id, method: 'card' });
    const charging = call('payment/collectCard', { paymentId: id });
    await new Promise((r) => setTimeout(r, 500));
    const sync = await cli(['sync', '--db', db]);
    expect(sync.code).not.toBe(0);
    expect(sync.stderr).toContain(`pid ${child.pid}`);
    const paid = await charging;
    expect(paid).toMatchObject({ id, state: 'paid', outcome: 'confirmed' });
    const journal = await cli(['journal', 'export', '--format', 'json', '--db', db]);
    expect(journal.code, journal.stderr).toBe(0);
    const approval = (JSON.parse(journal.stdout) as { type: string; payment_id?: string; paymentId?: string; data: unknown }[]).find((e) => e.type === 'card.approved');
    expect(approval).toBeDefined();
    expect(JSON.stringify(approval)).toMatch(/authCode/);
  });
});
