// Secrets (PINs) never come from the command line, where every local user can read them in the process
// list: they are read from standard input — one line each when it is a pipe or a file, or typed at a
// hidden prompt when it is a terminal (issue #10 §2, §4).
import { StringDecoder } from 'node:string_decoder';
import { CliError, type CliIo } from './command';

type SecretInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

export async function readSecret(prompt: string, write: (s: string) => void, input: SecretInput = process.stdin): Promise<string> {
  const [one] = await readSecrets([prompt], write, input);
  return one ?? '';
}

/**
 * Reads one secret per prompt: the next lines of a pipe/file (a missing line is an empty secret), or one
 * hidden prompt each on a terminal.
 */
export async function readSecrets(prompts: readonly string[], write: (s: string) => void, input: SecretInput = process.stdin): Promise<string[]> {
  if (!input.isTTY || !input.setRawMode) {
    const lines = await firstLines(input, prompts.length);
    return prompts.map((_, i) => lines[i] ?? '');
  }
  const out: string[] = [];
  for (const p of prompts) out.push(await hiddenPrompt(p, write, input as SecretInput & { setRawMode: (raw: boolean) => unknown }));
  return out;
}

/** The PIN(s) a command needs, read from the command's stdin; an empty answer is bad input (exit 2). */
export async function readPins(io: CliIo, prompts: readonly string[]): Promise<string[]> {
  const pins = await readSecrets(prompts, io.stderr, io.stdin ?? process.stdin);
  pins.forEach((pin, i) => {
    if (pin === '') throw new CliError(`no PIN on standard input (${(prompts[i] ?? '').replace(/:\s*$/, '')}): pipe it in, one line each, or type it at the prompt`);
  });
  return pins;
}

async function hiddenPrompt(prompt: string, write: (s: string) => void, input: SecretInput & { setRawMode: (raw: boolean) => unknown }): Promise<string> {
  write(prompt);
  input.setRawMode(true);
  input.resume();
  const decoder = new StringDecoder('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: Buffer) => {
        for (const ch of decoder.write(chunk)) {
          if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
          if (ch === '\u0003') return done(() => reject(new Error('cancelled')));
          if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
          else typed += ch;
        }
      };
      const done = (fn: () => void) => {
        input.off('data', onData);
        write('\n');
        fn();
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}

async function firstLines(input: NodeJS.ReadableStream, count: number): Promise<string[]> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  const lines = () => text.split(/\r?\n/);
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (lines().length > count) return lines().slice(0, count);
  }
  text += decoder.end();
  return lines().slice(0, count);
}
