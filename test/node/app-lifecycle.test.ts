// createApp/close as a whole: every server, socket, pty and child process it started is gone after
// close(), and the order of construction is visible in what is reachable while it runs.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { admin, call, removeDir, startTestApp } from './app-helpers';

const HANDLE_TYPES = ['TCPServerWrap', 'TCPSocketWrap', 'ProcessWrap', 'PipeWrap', 'TTYWrap', 'FSEventWrap'];

function handles(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) if (HANDLE_TYPES.includes(r)) out[r] = (out[r] ?? 0) + 1;
  return out;
}

function children(): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.endsWith(' ps'));
  } catch {
    return []; // ps exits 1 when there are no children
  }
}

describe('app lifecycle', () => {
  it('runs the simulator, the lab (with its socat pty) and their admin APIs, and close() leaves nothing behind', async () => {
    const before = handles();
    const childrenBefore = children();
    const t = await startTestApp();
    try {
      const { nodeSimulatorAdmin, deviceLabAdmin } = t.app.demo!;
      expect(await admin(`${nodeSimulatorAdmin}health`)).toMatchObject({ ok: true });
      const lab = await admin(`${deviceLabAdmin}/state`);
      expect(lab.scanner.path).toEqual(expect.any(String)); // the app end of the socat pty pair
      expect(children().some((c) => c.endsWith('socat'))).toBe(true);
      const info = await call(t.app, 'app/info');
      expect(info).toMatchObject({ node: 'simulator', virtualDevices: true, demo: { nodeSimulatorAdmin, deviceLabAdmin, dataDir: t.dataDir } });
      expect(t.app.recovery).toEqual({ heldPrintJobs: [], payments: {} });

      await t.close();
      await t.close(); // idempotent
      await expect(fetch(`${nodeSimulatorAdmin}health`)).rejects.toThrow();
      await expect(fetch(`${deviceLabAdmin}/state`)).rejects.toThrow();
      // Sockets and child processes are released asynchronously by libuv: allow a few turns.
      for (let i = 0; i < 40 && (JSON.stringify(handles()) !== JSON.stringify(before) || children().length > childrenBefore.length); i++) await new Promise((r) => setTimeout(r, 25));
      expect(handles()).toEqual(before);
      expect(children()).toEqual(childrenBefore);
    } finally {
      await t.close(); // a failed assertion must not leave the socat child behind
      removeDir(t.dataDir);
    }
  });

  it('pushes scans from the serial scanner (virtual lab pty) as scan events', async () => {
    const t = await startTestApp({ config: { devices: { scanners: [{ name: 'virtual-serial', transport: { type: 'virtual' } }] } } });
    try {
      await admin(`${t.app.demo!.deviceLabAdmin}/scanner/scan`, 'POST', 'PAGOPA|002|301202600000000103|01199250158|12350');
      for (let i = 0; i < 80 && !t.events.some((e) => e.name === 'scan'); i++) await new Promise((r) => setTimeout(r, 25));
      const scan = t.events.find((e) => e.name === 'scan');
      expect(scan?.payload).toMatchObject({ source: 'virtual-serial', raw: 'PAGOPA|002|301202600000000103|01199250158|12350', symbology: 'qr' });
    } finally {
      await t.close();
      removeDir(t.dataDir);
    }
  });
});
