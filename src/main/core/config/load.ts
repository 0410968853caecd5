// Loads and validates the configuration (file via --config or SPORTELLO_CONFIG), with messages that name
// the bad field. Secrets are never echoed back in errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configSchema, type SportelloConfig } from './schema';

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

export function loadConfig(file?: string): SportelloConfig {
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
  return parseConfig(json, target);
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
