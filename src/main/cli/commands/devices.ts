// `sportello devices list | test <role>`: configured roles with health and discovered ports, and the
// technician's device tests (issue #5 §5). 'virtual' transports start the lab in-process.
import { startDeviceStack, type DeviceStack } from '../../app/devices/device-stack';
import { databasePathFor, loadConfig } from '../../core/config/load';
import { journalDrawerOpen } from '../../core/journal/drawer-journal';
import { openDatabase, type Db } from '../../core/store/database';
import { cliErrorFor } from './payment-runtime';
import { discoverDevices } from '../../core/devices/discovery';
import { DeviceError } from '../../core/devices/errors';
import { createLogger, stderrSink } from '../../core/log/logger';
import { parseCliArgs } from '../args';
import { CliError, printJson, type CliCommand, type CliIo } from '../command';
import type { DiagnosticResult } from '../../../common/ipc/devices';

const ROLES = ['printer', 'drawer', 'terminal', 'totals', 'scanner'] as const;
type TestRole = (typeof ROLES)[number];

async function withManager<T>(io: CliIo, values: { config?: string | undefined; verbose?: boolean | undefined }, fn: (devices: DeviceStack) => Promise<T>): Promise<T> {
  const config = loadConfig(values.config ?? io.env.SPORTELLO_CONFIG);
  const logger = createLogger('sportello', { sinks: values.verbose ? [stderrSink] : [], level: 'debug' });
  let devices: DeviceStack;
  try {
    devices = await startDeviceStack({ config: config.devices, logger, stationId: config.terminal.id });
  } catch (e) {
    if (e instanceof DeviceError && e.kind === 'invalid-config') throw new CliError(e.message);
    throw e;
  }
  try {
    return await fn(devices);
  } finally {
    await devices.close();
  }
}

/**
 * A drawer opened for a test is journaled like one opened for a payment (issue #10: the audit covers every
 * opening): the database is opened as its writer first, so while the terminal runs the test is refused
 * (exit 3) and made from its technician screen instead.
 */
async function auditedDrawerPulse(io: CliIo, values: { config?: string | undefined; db?: string | undefined }, pulse: () => Promise<DiagnosticResult>): Promise<DiagnosticResult> {
  const config = loadConfig(values.config ?? io.env.SPORTELLO_CONFIG);
  let db: Db;
  try {
    db = openDatabase(databasePathFor(config, values.db), { writer: { command: 'devices test drawer' } });
  } catch (err) {
    throw cliErrorFor(err);
  }
  try {
    const r = await pulse();
    journalDrawerOpen(db, { reason: 'diagnostic', operatorId: 'tech', pin: config.devices.drawer.pin, error: r.ok ? null : r.lines.join('; ') || 'drawer pulse failed', at: new Date().toISOString() });
    return r;
  } finally {
    db.close();
  }
}

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'List devices, run a device test',
  usage: `sportello devices list [--config FILE]
sportello devices test <printer|drawer|terminal|totals|scanner> [--config FILE] [--db FILE] [--timeout-ms N] [--inject PAYLOAD]

list   prints the configured roles with their health (connected, ready, paper, last error, last seen)
       and the discovered serial ports and HID devices, as JSON.
test   printer: test page (code page with accents and €, QR, barcode, cut); drawer: pulse, journaled in the
       terminal's database (--db; refused with exit 3 while the terminal runs: test it from its screen);
       terminal: status and last result; totals: terminal totals; scanner: waits for one scan
       (--timeout-ms, default 15000; with a virtual scanner --inject PAYLOAD scans it for you).
Exit 0 when the test passed, 1 when the device failed it, 2 for bad usage.
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, {
      config: { type: 'string' },
      'timeout-ms': { type: 'string' },
      inject: { type: 'string' },
      verbose: { type: 'boolean' },
      db: { type: 'string' },
    });
    const [sub, role, ...extra] = positionals;
    if (sub === 'list') {
      if (role !== undefined) throw new CliError('devices list takes no arguments');
      return withManager(io, values, async ({ manager: dm }) => {
        const [roles, discovered] = await Promise.all([dm.refresh(), discoverDevices()]);
        printJson(io, { roles, discovered });
        return 0;
      });
    }
    if (sub === 'test') {
      if (!role || !(ROLES as readonly string[]).includes(role) || extra.length > 0) throw new CliError(`usage: sportello devices test <${ROLES.join('|')}>`);
      const timeout = values['timeout-ms'] ?? '15000';
      if (!/^\d+$/.test(timeout)) throw new CliError('--timeout-ms must be a number of milliseconds');
      return withManager(io, values, async ({ manager: dm, lab: virtualLab }) => {
        const d = dm.diagnostics;
        let run;
        switch (role as TestRole) {
          case 'printer':
            run = d.testPrint();
            break;
          case 'drawer':
            run = auditedDrawerPulse(io, values, d.drawerPulse);
            break;
          case 'terminal':
            run = d.terminalStatus();
            break;
          case 'totals':
            run = d.terminalTotals();
            break;
          case 'scanner': {
            run = d.scannerEcho(Number(timeout));
            const lab = virtualLab?.scanner;
            if (values.inject !== undefined) {
              if (!lab || !('device' in lab)) throw new CliError('--inject needs a virtual scanner (transport "virtual")');
              await lab.device.scan(values.inject);
            }
            break;
          }
        }
        const result = await run;
        printJson(io, result);
        if (!result.ok) io.stderr(`${role} test failed: ${result.lines.join('; ')}\n`);
        return result.ok ? 0 : 1;
      });
    }
    throw new CliError('usage: sportello devices list | sportello devices test <role> (see --help)');
  },
};
