// Loads and validates the configuration (file via --config or SPORTELLO_CONFIG), with messages that name
// the bad field. Secrets are never echoed back in errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configSchema, type SportelloConfig } from './schema';
import { headlessSecretBox, isSealedSecret, openSecrets, type SecretBoxFor } from './secret-box';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseConfig(raw: unknown, source = 'configuration'): SportelloConfig {
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new ConfigError(`${source}: invalid field "${field}": ${issue?.message ?? 'invalid'}`);
}

export type LoadConfigOptions = {
  /** Told when a secret-holding file readable by group/others was fixed (default: process.emitWarning). */
  onWarning?: (message: string) => void;
  /** Opens sealed secrets (issue #10 §4). Default: the headless fallback, key beside the file. */
  secretBox?: SecretBoxFor;
};

export function loadConfig(file?: string, opts: LoadConfigOptions = {}): SportelloConfig {
  const target = file ?? process.env.SPORTELLO_CONFIG;
  if (!target) return parseConfig({});
  let text: string;
  try {
    text = fs.readFileSync(target, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read configuration file ${target}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`configuration file ${target} is not valid JSON: ${(err as Error).message}`);
  }
  protectSecretFile(target, json, opts.onWarning ?? ((m) => process.emitWarning(m, 'SportelloConfigWarning')));
  const boxFor = opts.secretBox ?? headlessSecretBox;
  const opened = openSecrets(
    json,
    () => boxFor(target),
    (field, reason) =>
      new ConfigError(
        `configuration file ${target}: the secret ${field} cannot be decrypted (${reason}): enter it again in the technician screen (Configuration), or write it in plain text in the file — it is encrypted at the next save`,
      ),
  );
  return parseConfig(opened, target);
}

/** True when the raw configuration holds a secret (node.password, node.subscriptionKey, upstream.mil.clientSecret). */
export function holdsSecrets(json: unknown): boolean {
  const o = json && typeof json === 'object' ? (json as { node?: unknown; upstream?: unknown }) : {};
  const mil = o.upstream && typeof o.upstream === 'object' ? (o.upstream as { mil?: unknown }).mil : undefined;
  // A sealed secret (issue #10 §4) is still secret material: the file stays owner-only either way.
  const secret = (v: unknown) => typeof v === 'string' || isSealedSecret(v);
  if (mil && typeof mil === 'object' && secret((mil as Record<string, unknown>).clientSecret)) return true;
  const node = o.node;
  if (!node || typeof node !== 'object') return false;
  const n = node as Record<string, unknown>;
  return secret(n.password) || secret(n.subscriptionKey);
}

/**
 * Issue #10 §4: a configuration file with secrets must be readable by its owner only. A hand-written one
 * that group/others can read is fixed (chmod 600) with a warning; one that cannot be fixed (not ours, a
 * read-only mount) is refused. POSIX only: Windows files get their ACL from the per-user data directory.
 */
export function protectSecretFile(file: string, json: unknown, warn: (message: string) => void): void {
  if (process.platform === 'win32' || !holdsSecrets(json)) return;
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  try {
    fs.chmodSync(file, mode & 0o700);
  } catch (err) {
    throw new ConfigError(
      `configuration file ${file} holds secrets and is readable by others (mode ${mode.toString(8)}), and cannot be fixed (${(err as NodeJS.ErrnoException).code ?? 'error'}): chmod 600 ${file}`,
    );
  }
  warn(`configuration file ${file} holds secrets and was readable by others (mode ${mode.toString(8)}): changed to ${(mode & 0o700).toString(8)}`);
}

/** The app's data directory: config.dataDir, else SPORTELLO_DATA_DIR, else the per-user default. */
export function dataDirFor(config: SportelloConfig): string {
  if (config.dataDir) return config.dataDir;
  if (process.env.SPORTELLO_DATA_DIR) return process.env.SPORTELLO_DATA_DIR;
  const base = process.platform === 'win32' ? (process.env.APPDATA ?? os.homedir()) : (process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'));
  return path.join(base, 'sportello');
}

/** Database path: --db, else SPORTELLO_DB, else <dataDir>/sportello.db. */
export function databasePathFor(config: SportelloConfig, dbFlag?: string): string {
  return dbFlag ?? process.env.SPORTELLO_DB ?? path.join(dataDirFor(config), 'sportello.db');
}
