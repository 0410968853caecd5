// The CLI's contract: every command is a module exporting `command: CliCommand`. Commands print JSON
// (or text) on stdout, one-line reasons on stderr, and return the exit code. They never print stack
// traces: throw CliError for expected failures; anything else becomes "internal error: …" (exit 1).
export type CliIo = {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands await it. */
  readonly stopSignal: Promise<void>;
  /** Where secrets (PINs) are read from; default process.stdin (in-process tests pass a stream). */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
};

export type CliCommand = {
  /** First word(s) after `sportello`, e.g. 'notice' (sub-commands are handled by the module). */
  readonly name: string;
  readonly summary: string;
  /** Full usage text for `sportello <name> --help`. */
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
};

/** An expected failure: one line on stderr, the given exit code (2 = bad input/usage by convention). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
