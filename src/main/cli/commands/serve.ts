// `sportello serve`: browser mode (issue #6 §2). Builds the core, starts the loopback bridge and prints
// the URL with the per-launch token as the FIRST stdout line; runs until SIGINT/SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import { parseCliArgs } from '../args';
import { CliError, type CliCommand } from '../command';
import { dataDirFor, loadConfig, parseConfig } from '../../core/config/load';
import { stderrSink } from '../../core/log/logger';
import { createFileSink } from '../../core/log/file-sink';
import { createApp } from '../../app/create-app';
import { startBridgeServer } from '../../bridge/bridge-server';

const USAGE = `sportello serve [options]

Serves the UI to a browser on 127.0.0.1 only. The first stdout line is the URL, with the per-launch
token in its fragment; open it in a browser on this machine. The second stdout line is a JSON object
{"nodeSimulatorAdmin","deviceLabAdmin","dataDir"}: the admin URLs of the embedded node simulator and
virtual device lab (null when a real node / real devices are configured), for demos and e2e tests; with
upstream.kind "mil" and no MIL URL also "milSimulatorAdmin" (the embedded MIL simulator).

Options:
  --port N          TCP port (default 0 = a free port, printed)
  --config FILE     configuration file (default: SPORTELLO_CONFIG or built-in defaults)
  --data-dir DIR    data directory (default: SPORTELLO_DATA_DIR or ~/.local/share/sportello)
                    (logs go to <data-dir>/logs/sportello.log, rotated at 10 MiB, 5 old files kept)
  --db FILE         database file (default: <data-dir>/sportello.db)
  --mode MODE       counter | kiosk (default: terminal.mode from the configuration)
  --node-url URL    nodeForPsp endpoint (default: the embedded node simulator)
  --static-dir DIR  built renderer (default: dist/renderer next to the CLI bundle)
  --verbose         log JSON lines to stderr
`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the UI to a browser on 127.0.0.1 (browser mode)',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCliArgs(
      argv,
      {
        port: { type: 'string' },
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        db: { type: 'string' },
        mode: { type: 'string' },
        'node-url': { type: 'string' },
        'static-dir': { type: 'string' },
        verbose: { type: 'boolean' },
      },
      false,
    );
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be an integer 0..65535');
    if (values.mode !== undefined && values.mode !== 'counter' && values.mode !== 'kiosk') throw new CliError('--mode must be counter or kiosk');
    let config = loadConfig(values.config);
    if (values['node-url']) config = parseConfig({ ...config, node: { ...config.node, url: values['node-url'] } }, '--node-url');
    const dataDir = values['data-dir'] ?? dataDirFor(config);
    fs.mkdirSync(dataDir, { recursive: true });
    const staticDir = values['static-dir'] ?? path.resolve(__dirname, 'renderer');

    let exitRequested: () => void = () => undefined;
    const kioskExit = new Promise<void>((resolve) => (exitRequested = resolve));
    // <data-dir>/logs/sportello.log, rotated by size (10 MiB × 6 files at most, issue #16).
    const logFile = createFileSink(path.join(dataDir, 'logs', 'sportello.log'));
    const app = await createApp({
      config,
      dataDir,
      dbFile: values.db,
      configFile: values.config ?? path.join(dataDir, 'config.json'),
      mode: values.mode as 'counter' | 'kiosk' | undefined,
      transport: 'browser',
      logSinks: values.verbose ? [logFile.sink, stderrSink] : [logFile.sink],
      onKioskExit: () => exitRequested(),
      demoAccounts: true, // demo accounts only with the embedded simulator (createApp checks node.url)
    });
    try {
      const bridge = await startBridgeServer({ dispatch: app.dispatch, events: app.events, staticDir, port, log: app.logger.child('bridge') });
      io.stdout(`${bridge.url}\n`);
      io.stdout(`${JSON.stringify(app.demo ?? { nodeSimulatorAdmin: null, deviceLabAdmin: null, dataDir })}\n`);
      if (!fs.existsSync(path.join(staticDir, 'index.html'))) io.stderr(`note: no built UI in ${staticDir}; run \`npm run build\`\n`);
      if (app.missing.length > 0) io.stderr(`note: ${app.missing.length} intents are not available in this build: ${app.missing.join(', ')}\n`);
      await Promise.race([io.stopSignal, kioskExit]);
      await bridge.close();
    } finally {
      await app.close();
      logFile.close();
    }
    return 0;
  },
};
