// `sportello virtual-devices`: runs the virtual device lab until SIGINT/SIGTERM and prints where
// each device listens (src/main/virtual-lab/README.md documents the control API).
import { createLogger, stderrSink } from '../../core/log/logger';
import { startLabAdmin } from '../../virtual-lab/lab-admin';
import { startVirtualLab } from '../../virtual-lab/virtual-lab';
import { isScenarioName, SCENARIO_NAMES } from '../../../../drivers/card-terminal/virtual-scenarios';
import { parseCliArgs } from '../args';
import { CliError, printJson, type CliCommand } from '../command';

function port(v: string | undefined, flag: string): number {
  if (v === undefined) return 0;
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new CliError(`--${flag} must be a port number (0–65535)`);
  return Number(v);
}

export const virtualDevicesCommand: CliCommand = {
  name: 'virtual-devices',
  summary: 'Start the virtual device lab (printer, scanner, card terminal)',
  usage: `sportello virtual-devices [--terminal-port N] [--admin-port N] [--scenario NAME] [--verbose]

Starts a virtual ESC/POS printer (TCP), a virtual Protocollo 17 card terminal (TCP) and a virtual
serial scanner (socat pty), prints one JSON object with their addresses, a ready-to-use "devices"
configuration and the loopback admin URL, and runs until SIGINT/SIGTERM.
Admin (HTTP on 127.0.0.1): GET /state, POST /printer/paper?state=ok|near-end|out,
POST /printer/cover?open=true|false, POST /printer/paper-out-after?bytes=N (paper ends N bytes
into the next job), POST /terminal/scenario?name=NAME, POST /terminal/cancel,
POST /terminal/present-card, POST /scanner/scan (body = payload).
Scenarios: ${SCENARIO_NAMES.join(', ')}.
`,
  async run(argv, io) {
    const { values } = parseCliArgs(
      argv,
      {
        'terminal-port': { type: 'string' },
        'admin-port': { type: 'string' },
        scenario: { type: 'string' },
        verbose: { type: 'boolean' },
      },
      false,
    );
    const scenario = values.scenario;
    if (scenario !== undefined && !isScenarioName(scenario)) throw new CliError(`--scenario must be one of ${SCENARIO_NAMES.join(', ')}`);
    const logger = createLogger('sportello', { sinks: values.verbose ? [stderrSink] : [], level: 'debug' });
    const lab = await startVirtualLab({ logger, terminalPort: port(values['terminal-port'], 'terminal-port') });
    try {
      if (scenario) lab.terminal.device.setScenario(scenario);
      const admin = await startLabAdmin(lab, port(values['admin-port'], 'admin-port'));
      try {
        printJson(io, {
          printer: 'host' in lab.printer ? { host: lab.printer.host, port: lab.printer.port } : { unavailable: lab.printer.unavailable },
          terminal: { host: lab.terminal.host, port: lab.terminal.port, protocol: 'protocollo17', terminalId: lab.terminal.device.terminalId },
          scanner: 'path' in lab.scanner ? { path: lab.scanner.path, baudRate: 9600, suffix: '\r' } : { unavailable: lab.scanner.unavailable },
          admin: admin.url,
          devicesConfig: lab.devicesConfig,
        });
        await io.stopSignal;
      } finally {
        await admin.close();
      }
    } finally {
      await lab.close();
    }
    return 0;
  },
};
