// Thin wrapper over node:util parseArgs that turns its errors into CliError (exit 2, one line).
import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Secrets never on the command line (issue #10 §4): every local user can read a process's arguments.
 * A secret given as a flag is refused with where to put it instead (unless the command defines the flag
 * itself: the standalone simulator's test credentials).
 */
const SECRET_FLAGS: Record<string, string> = {
  pin: 'PINs are read from standard input (one line each) or typed at a hidden prompt',
  'by-pin': 'PINs are read from standard input (one line each) or typed at a hidden prompt',
  password: 'put it in the config file (node.password), in SPORTELLO_NODE_PASSWORD, or in a file named by --password-file',
  'subscription-key': 'put it in the config file (node.subscriptionKey), in SPORTELLO_NODE_SUBSCRIPTION_KEY, or in a file named by --subscription-key-file',
  'mil-client-secret': 'put it in the config file (upstream.mil.clientSecret), in SPORTELLO_MIL_CLIENT_SECRET, or in a file named by --mil-client-secret-file',
  'client-secret': 'put it in the config file (upstream.mil.clientSecret), in SPORTELLO_MIL_CLIENT_SECRET, or in a file named by --mil-client-secret-file',
};

function refuseSecretFlags(argv: readonly string[], options: Options): void {
  for (const a of argv) {
    if (a === '--') return;
    const m = /^--([a-z-]+)(=.*)?$/.exec(a);
    const name = m?.[1];
    if (name && name in SECRET_FLAGS && !(name in options)) throw new CliError(`--${name} is refused: secrets never go on the command line (any local user can read it); ${SECRET_FLAGS[name]}`);
  }
}

export function parseCliArgs<O extends Options>(argv: readonly string[], options: O, allowPositionals = true) {
  refuseSecretFlags(argv, options);
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (err) {
    throw new CliError((err as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
}

/** The node identity and endpoint flags shared by every command that talks to the node (issue #3 §3). */
export const NODE_FLAGS = {
  config: { type: 'string' },
  'node-url': { type: 'string' },
  psp: { type: 'string' },
  broker: { type: 'string' },
  channel: { type: 'string' },
  'password-file': { type: 'string' },
  'subscription-key-file': { type: 'string' },
  // MIL (issue #14): --upstream node|mil, the endpoints and the terminal's identifiers; the secret from a file.
  upstream: { type: 'string' },
  'mil-url': { type: 'string' },
  'mil-auth-url': { type: 'string' },
  acquirer: { type: 'string' },
  merchant: { type: 'string' },
  'terminal-id': { type: 'string' },
  'mil-channel': { type: 'string' },
  'mil-client-id': { type: 'string' },
  'mil-client-secret-file': { type: 'string' },
} as const satisfies Options;

function secretFile(file: string, flag: string): string {
  try {
    return fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new CliError(`--${flag}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * The node secrets for nodeSettingsFromFlags, from a file named by a flag or the environment (never a
 * flag's value); absent ones keep the config file's.
 */
export function nodeSecrets(values: { 'password-file'?: string | boolean; 'subscription-key-file'?: string | boolean }, env: NodeJS.ProcessEnv): { password?: string; 'subscription-key'?: string } {
  const pf = values['password-file'];
  const kf = values['subscription-key-file'];
  const password = typeof pf === 'string' ? secretFile(pf, 'password-file') : env.SPORTELLO_NODE_PASSWORD || undefined;
  const key = typeof kf === 'string' ? secretFile(kf, 'subscription-key-file') : env.SPORTELLO_NODE_SUBSCRIPTION_KEY || undefined;
  return { ...(password !== undefined ? { password } : {}), ...(key !== undefined ? { 'subscription-key': key } : {}) };
}

/** The MIL client secret for upstreamSettingsFromFlags: --mil-client-secret-file, else SPORTELLO_MIL_CLIENT_SECRET, else the config's. */
export function milSecrets(values: { 'mil-client-secret-file'?: string | boolean }, env: NodeJS.ProcessEnv): { 'mil-client-secret'?: string } {
  const f = values['mil-client-secret-file'];
  const secret = typeof f === 'string' ? secretFile(f, 'mil-client-secret-file') : env.SPORTELLO_MIL_CLIENT_SECRET || undefined;
  return secret !== undefined ? { 'mil-client-secret': secret } : {};
}

export function requireString(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new CliError(`missing required option --${flag}`);
  return value;
}
