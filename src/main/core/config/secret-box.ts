// Secrets at rest (issue #10 §4): the configuration file stores node.password, node.subscriptionKey and
// upstream.mil.clientSecret sealed, as {"enc":"v1:<scheme>:<base64>"}, never in plain text once the terminal
// has written it. The port is SecretBox; the Electron shell seals with the operating system's key store
// (safeStorage, src/main/electron/safe-storage-box.ts), the headless CLI and `serve` with the fallback here:
// AES-256-GCM under a random per-terminal key kept in its own file beside the configuration (`<config>.key`,
// mode 0600). The fallback protects the secrets in a configuration file that leaks or is backed up alone; it
// does not protect them from a local root or from a copy of the whole directory. A plain-text secret in a
// hand-written file is accepted and sealed at the next write (config/update).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Dotted paths of the secret fields of the configuration. */
export const CONFIG_SECRET_PATHS = ['node.password', 'node.subscriptionKey', 'upstream.mil.clientSecret'] as const;

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/** Seals and opens one secret; `field` (a dotted path) is bound to the sealed text so fields cannot be swapped. */
export interface SecretBox {
  seal(plain: string, field: string): string;
  open(sealed: string, field: string): string;
}

/** The box for a given configuration file (the fallback keeps its key beside it). */
export type SecretBoxFor = (configFile: string) => SecretBox;

export type SealedSecret = { enc: string };

export function isSealedSecret(v: unknown): v is SealedSecret {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as SealedSecret).enc === 'string' && Object.keys(v).length === 1;
}

const GCM = 'v1:gcm:';

/** Where the headless fallback keeps the key of `configFile`. */
export function secretKeyFileFor(configFile: string): string {
  return `${path.resolve(configFile)}.key`;
}

/** AES-256-GCM with a per-terminal key file (0600), created on the first seal. */
export class FileKeySecretBox implements SecretBox {
  constructor(private readonly keyFile: string) {}

  private readKey(): Buffer | null {
    let text: string;
    try {
      text = fs.readFileSync(this.keyFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new SecretBoxError(`cannot read the secrets key ${this.keyFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== 32) throw new SecretBoxError(`the secrets key ${this.keyFile} is damaged`);
    return key;
  }

  private keyForSealing(): Buffer {
    const existing = this.readKey();
    if (existing) return existing;
    fs.mkdirSync(path.dirname(this.keyFile), { recursive: true });
    const key = randomBytes(32);
    try {
      // 'wx': never overwrite a key another process created meanwhile (its secrets would become unreadable).
      fs.writeFileSync(this.keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return this.readKey()!;
      throw new SecretBoxError(`cannot create the secrets key ${this.keyFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }

  seal(plain: string, field: string): string {
    const key = this.keyForSealing();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(field, 'utf8'));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return GCM + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
  }

  open(sealed: string, field: string): string {
    if (!sealed.startsWith(GCM)) throw new SecretBoxError(`sealed with another key store (${sealed.split(':').slice(0, 2).join(':')}), which this program cannot use`);
    const key = this.readKey();
    if (!key) throw new SecretBoxError(`the secrets key ${this.keyFile} is missing`);
    const raw = Buffer.from(sealed.slice(GCM.length), 'base64');
    if (raw.length < 28) throw new SecretBoxError('the sealed value is damaged');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(field, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(`it was sealed with another key than ${this.keyFile}, or altered`);
    }
  }
}

/** The headless (CLI, `serve`) fallback: the key file beside the configuration. */
export const headlessSecretBox: SecretBoxFor = (configFile) => new FileKeySecretBox(secretKeyFileFor(configFile));

type Json = Record<string, unknown>;

function parentOf(obj: Json, dotted: string): [Json | null, string] {
  const keys = dotted.split('.');
  let o: unknown = obj;
  for (const k of keys.slice(0, -1)) o = o && typeof o === 'object' ? (o as Json)[k] : undefined;
  return [o && typeof o === 'object' && !Array.isArray(o) ? (o as Json) : null, keys[keys.length - 1]!];
}

/** A copy of the raw configuration with every plain secret sealed (already sealed ones are kept). */
export function sealSecrets(json: Json, box: SecretBox): Json {
  const copy = JSON.parse(JSON.stringify(json)) as Json;
  for (const field of CONFIG_SECRET_PATHS) {
    const [parent, key] = parentOf(copy, field);
    if (parent && typeof parent[key] === 'string') parent[key] = { enc: box.seal(parent[key], field) } satisfies SealedSecret;
  }
  return copy;
}

/**
 * A copy of the raw configuration with every sealed secret opened. `fail(field, reason)` builds the error for
 * a secret that cannot be opened (the caller names the file and tells the technician to enter it again).
 */
export function openSecrets(json: unknown, box: () => SecretBox, fail: (field: string, reason: string) => Error): unknown {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return json;
  let copy: Json | null = null;
  for (const field of CONFIG_SECRET_PATHS) {
    const [parent0, key] = parentOf(json as Json, field);
    if (!parent0 || !isSealedSecret(parent0[key])) continue;
    copy ??= JSON.parse(JSON.stringify(json)) as Json;
    const [parent] = parentOf(copy, field);
    try {
      parent![key] = box().open((parent![key] as SealedSecret).enc, field);
    } catch (err) {
      throw fail(field, err instanceof SecretBoxError ? err.message : 'it cannot be opened');
    }
  }
  return copy ?? json;
}
