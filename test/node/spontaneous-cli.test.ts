// `sportello catalogue`, `sportello demand` and `sportello pay --demand-service` (issue #13) as real
// processes against a standalone simulator in the test process, on a real database file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeSimulator, type NodeSimulator } from '../../src/main/node-sim/simulator';
import { CLERK, seedCliAccounts } from './cli-accounts';

const bin = path.resolve(__dirname, '..', '..', 'bin', 'sportello');
let sim: NodeSimulator;
let dir: string;
let db: string;

type Run = { code: number; out: Record<string, unknown> | string; stderr: string };
function run(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { env: { ...process.env, SPORTELLO_CONFIG: '' } }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      let out: Record<string, unknown> | string;
      try {
        out = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        out = stdout;
      }
      resolve({ code, out, stderr });
    });
    child.stdin?.end(stdin);
  });
}
const node = () => ['--db', db, '--node-url', sim.soapUrl];

beforeAll(async () => {
  sim = await startNodeSimulator({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-spontcli-'));
  db = path.join(dir, 'cli.db');
  await seedCliAccounts(db);
  const opened = await run(['shift', 'open', '--operator', CLERK.id, '--float', '100', '--db', db], `${CLERK.pin}\n`);
  expect(opened.code, opened.stderr).toBe(0);
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sportello catalogue / demand / pay --demand-service', () => {
  it('catalogue --refresh fetches and stores it; without --refresh it is read from the database', async () => {
    const empty = await run(['catalogue', '--db', db]);
    expect(empty.code).toBe(0);
    expect(empty.out).toMatchObject({ fetchedAt: null, services: [] });
    const r = await run(['catalogue', '--refresh', ...node()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.out).toMatchObject({ refreshed: true, stale: false });
    const services = (r.out as { services: { idSoggettoServizio: string; collectable: boolean; active: boolean }[] }).services;
    expect(services.find((s) => s.idSoggettoServizio === '00101')).toMatchObject({ denominazioneEnteCreditore: 'Regione Lazio', collectable: true, active: true });
    const stored = await run(['catalogue', '--db', db]);
    expect((stored.out as { services: unknown[] }).services).toHaveLength(services.length);
  });

  it('demand prints the notice; a bad plate or vehicle type is exit 2 with the reason', async () => {
    const r = await run(['demand', '--service', '00101', '--plate', 'EF456GH', '--vehicle-type', '1', ...node()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.out).toMatchObject({ status: 'ok', service: { id: '00101', summary: 'EF456GH' }, notice: { fiscalCode: '80143490581', amountCents: 18_900 } });
    expect((r.out as { notice: { noticeNumber: string } }).notice.noticeNumber).toMatch(/^347\d{15}$/);
    const bad = await run(['demand', '--service', '00101', '--plate', 'AB12', '--vehicle-type', '1', ...node()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/plate: Plate too short \(4 characters\)/);
    const badType = await run(['demand', '--service', '00101', '--plate', 'AB123CD', '--vehicle-type', '3', ...node()]);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/vehicleType: Invalid vehicle type/);
    const nothing = await run(['demand', '--service', '00101', '--plate', 'ZZ999ZZ', '--vehicle-type', '1', ...node()]);
    expect(nothing.code).toBe(1);
    expect(nothing.out).toMatchObject({ status: 'refused', code: 'nothing-due' });
  });

  it('pay --demand-service pays the demanded notice in one step, plate on the receipt', async () => {
    const r = await run(['pay', '--demand-service', '00101', '--plate', 'AB123CD', '--vehicle-type', '1', '--method', 'cash', '--operator', CLERK.id, ...node()], `${CLERK.pin}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.out).toMatchObject({
      status: 'online',
      outcome: 'confirmed',
      payment: { amountCents: 24_530, fiscalCode: '80143490581' },
      receiptData: { service: { name: 'Tassa automobilistica - Regione Lazio', details: expect.arrayContaining([{ label: 'Targa', value: 'AB123CD' }]) } },
      service: { summary: 'AB123CD', idSoggettoServizio: '00101' },
    });
    const noticeNumber = (r.out as { payment: { noticeNumber: string } }).payment.noticeNumber;
    expect(sim.ledger().filter((e) => e.noticeNumber === noticeNumber)).toEqual([expect.objectContaining({ outcome: 'OK', amountCents: 24_530 })]);
  });

  it('node down: refused, never offline (exit 1)', async () => {
    const r = await run(
      ['pay', '--demand-service', '00101', '--plate', 'EF456GH', '--vehicle-type', '1', '--method', 'cash', '--operator', CLERK.id, '--db', db, '--node-url', 'http://127.0.0.1:9/nodo'],
      `${CLERK.pin}\n`,
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatchObject({ status: 'refused', category: 'node-unreachable' });
    expect(r.stderr).toMatch(/never taken offline/);
    const q = await run(['queue', '--db', db]);
    expect(JSON.stringify(q.out)).not.toContain('EF456GH');
  });
});
