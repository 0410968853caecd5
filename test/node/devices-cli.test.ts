// `sportello virtual-devices` as a real process: its JSON, its admin API, and a client that connects
// the production terminal driver to the advertised port; `sportello devices list` against it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Protocol17Terminal } from '../../drivers/card-terminal/protocol17/protocol17-terminal';
import { TcpTransport } from '../../drivers/card-terminal/protocol17/transport';
import { socatAvailable } from '../../src/main/virtual-lab/socat-pty';
import { listJournal } from '../../src/main/core/journal/journal';
import { openDatabase } from '../../src/main/core/store/database';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/sportello');

type LabInfo = { terminal: { host: string; port: number }; printer: { port: number }; scanner: { path: string }; admin: string; devicesConfig: unknown };

describe.skipIf(!socatAvailable())('sportello virtual-devices', () => {
  let child: ChildProcess;
  let info: LabInfo;
  let exit: Promise<number | null>;

  beforeAll(async () => {
    child = spawn(bin, ['virtual-devices'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    exit = new Promise((r) => child.once('exit', (code) => r(code)));
    let out = '';
    info = await new Promise<LabInfo>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        try {
          resolve(JSON.parse(out) as LabInfo);
        } catch {
          // JSON not complete yet
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exit;
  });

  it('advertises every device and a ready-to-use devices configuration', () => {
    expect(info.terminal.port).toBeGreaterThan(0);
    expect(info.printer.port).toBeGreaterThan(0);
    expect(fs.existsSync(info.scanner.path)).toBe(true);
    expect(info.devicesConfig).toMatchObject({ terminal: { transport: { type: 'tcp', port: info.terminal.port } } });
  });

  it('lets the admin API script the terminal, and the driver sees it over TCP', async () => {
    const term = new Protocol17Terminal({ transport: new TcpTransport(info.terminal.host, info.terminal.port), terminalId: '00000000', cashRegisterId: '00000001' });
    try {
      const set = await fetch(`${info.admin}/terminal/scenario?name=decline`, { method: 'POST' });
      expect(set.status).toBe(200);
      expect((await term.pay(990, 'CLI-1')).kind).toBe('declined');
      await fetch(`${info.admin}/terminal/scenario?name=approve`, { method: 'POST' });
      expect((await term.pay(990, 'CLI-2')).kind).toBe('approved');
      const state = (await (await fetch(`${info.admin}/state`)).json()) as { terminal: { received: Record<string, number> } };
      expect(state.terminal.received.P).toBe(2);
      expect((await fetch(`${info.admin}/terminal/scenario?name=nope`, { method: 'POST' })).status).toBe(400);
    } finally {
      await term.close();
    }
  });

  it('devices test totals, after card sales whose results the terminal repeated, reports the sales (issue #11 §8)', async () => {
    const term = new Protocol17Terminal({ transport: new TcpTransport(info.terminal.host, info.terminal.port), terminalId: '00000000', cashRegisterId: '00000001' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-totals-'));
    try {
      await fetch(`${info.admin}/terminal/scenario?name=lost-ack`, { method: 'POST' });
      expect((await term.pay(1200, 'TOT-CLI-1')).kind).toBe('approved');
      expect(await term.totals()).toMatchObject({ count: expect.any(Number) }); // the repeat arrives meanwhile
      expect((await term.pay(800, 'TOT-CLI-2')).kind).toBe('approved');
      await fetch(`${info.admin}/terminal/scenario?name=approve`, { method: 'POST' });
      const state = (await (await fetch(`${info.admin}/state`)).json()) as { terminal: { totals: { count: number; totalCents: number } } };
      const cfg = path.join(dir, 'config.json');
      fs.writeFileSync(cfg, JSON.stringify({ devices: info.devicesConfig }));
      const r = spawnSync(bin, ['devices', 'test', 'totals', '--config', cfg], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const euro = `€ ${(state.terminal.totals.totalCents / 100).toFixed(2).replace('.', ',')}`;
      expect(JSON.parse(r.stdout)).toEqual({ action: 'terminal-totals', ok: true, lines: [`transactions: ${state.terminal.totals.count}`, `total: ${euro}`] });
    } finally {
      await term.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('devices list, with the lab configuration, reports the lab devices ready', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-devcfg-'));
    try {
      const cfg = path.join(dir, 'config.json');
      fs.writeFileSync(cfg, JSON.stringify({ devices: info.devicesConfig }));
      const r = spawnSync(bin, ['devices', 'list', '--config', cfg], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { roles: { role: string; connected: boolean; ready: boolean; transport: string }[] };
      const terminal = out.roles.find((x) => x.role === 'terminal');
      expect(terminal).toMatchObject({ connected: true, ready: true, transport: `tcp://127.0.0.1:${info.terminal.port}` });
      expect(out.roles.find((x) => x.role === 'scanner')).toMatchObject({ connected: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('devices test drawer journals the opening in the terminal database, and is refused while the terminal holds it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-drawer-'));
    try {
      const cfg = path.join(dir, 'config.json');
      const dbFile = path.join(dir, 'terminal.db');
      fs.writeFileSync(cfg, JSON.stringify({ devices: { ...(info.devicesConfig as object), drawer: { enabled: true, pin: 2 } } }));
      const r = spawnSync(bin, ['devices', 'test', 'drawer', '--config', cfg, '--db', dbFile], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const db = openDatabase(dbFile, { readonly: true });
      try {
        const entries = listJournal(db, { limit: 100 }).filter((e) => e.type.startsWith('drawer.'));
        expect(entries).toEqual([expect.objectContaining({ type: 'drawer.opened', operatorId: 'tech', data: expect.objectContaining({ reason: 'diagnostic', pin: 2 }) })]);
      } finally {
        db.close();
      }
      // The running terminal holds the database: the CLI does not open the drawer behind its back.
      const writer = openDatabase(dbFile, { writer: { command: 'test terminal' } });
      try {
        const refused = spawnSync(bin, ['devices', 'test', 'drawer', '--config', cfg, '--db', dbFile], { cwd: root, encoding: 'utf8', timeout: 60_000 });
        expect(refused.status).toBe(3);
        expect(listJournal(writer, { limit: 100 }).filter((e) => e.type.startsWith('drawer.'))).toHaveLength(1);
      } finally {
        writer.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 0 on SIGTERM and rejects bad usage with exit 2', async () => {
    const bad = spawnSync(bin, ['devices', 'frobnicate'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/usage/);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
