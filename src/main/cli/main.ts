// `sportello` command-line entry point. Dispatches to src/main/cli/commands/*.
import { CliError, type CliCommand, type CliIo } from './command';
import { COMMANDS } from './commands';
import { StoreError } from '../core/store/errors';
import { ConfigError } from '../core/config/load';

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Sportello — pagoPA counter and kiosk terminal',
    '',
    'Usage: sportello <command> [options]      (sportello <command> --help for details)',
    '',
    'Commands:',
    ...lines,
    '',
    'Environment: SPORTELLO_CONFIG (config file), SPORTELLO_DB (database file), SPORTELLO_DATA_DIR.',
    'Exit 3: a storage problem, including "the database is in use" by another program (one writer per',
    'database: use "Sincronizza ora" on the running terminal). Read-only commands (queue, exceptions list,',
    'report x, shift status, journal) work while the terminal runs.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${process.env.SPORTELLO_VERSION ?? 'dev'}\n`);
    return 0;
  }
  const command: CliCommand | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`unknown command "${name}" (see sportello --help)\n`);
    return 2;
  }
  if (rest[0] === '--help' || rest[0] === '-h') {
    io.stdout(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof ConfigError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    if (err instanceof StoreError) {
      // Exit 3 for every storage problem, 'in-use' (another program holds the writer lock) included.
      io.stderr(`${err.message}\n`);
      return 3;
    }
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr(`internal error: ${msg.split('\n')[0]}\n`);
    if (io.env.SPORTELLO_DEBUG && err instanceof Error) io.stderr(`${err.stack}\n`);
    return 1;
  }
}

export function processIo(): CliIo {
  // `sportello journal export | head` closes our stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const stopSignal = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    stopSignal,
  };
}

/** Entry used by bin/sportello (bundled to dist/cli.cjs). */
export async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), processIo());
  // Let stdout drain before exiting; long-running commands (serve, node-sim) return only when stopped.
  process.exitCode = code;
  if (process.stdout.writableNeedDrain) await new Promise((r) => process.stdout.once('drain', r));
  process.exit(code);
}
