// Thin wrapper over node:util parseArgs that turns its errors into CliError (exit 2, one line).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCliArgs<O extends Options>(argv: readonly string[], options: O, allowPositionals = true) {
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
  'subscription-key': { type: 'string' },
  psp: { type: 'string' },
  broker: { type: 'string' },
  channel: { type: 'string' },
  password: { type: 'string' },
} as const satisfies Options;

export function requireString(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new CliError(`missing required option --${flag}`);
  return value;
}
