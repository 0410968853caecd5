// config/get and config/update: the renderer sees the configuration without its secrets (never sent
// back, pos-practice.md §6 item 20; whether each is set travels apart), and patches are validated by the
// core schema.
import fs from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../core/config/load';
import type { SportelloConfig } from '../core/config/schema';
import type { ConfigView } from '../../common/ipc/system';
import { CONFIG_SECRET_PATHS, headlessSecretBox, sealSecrets, type SecretBoxFor } from '../core/config/secret-box';

/** Dotted paths of secret fields. */
export const SECRET_PATHS = CONFIG_SECRET_PATHS;

type Json = Record<string, unknown>;

function getPath(obj: Json, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Json)[k] : undefined), obj);
}

function setPath(obj: Json, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let o: Json = obj;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as Json;
  }
  o[keys[keys.length - 1]!] = value;
}

/**
 * The configuration for the screen: secret fields are left out, not nulled. A `"password": null` in the
 * JSON read as "no password" next to a Segreti section saying it is set (issue #11 §8); the set/not set
 * state is `secretsSet`, and a patch without the field keeps the stored value.
 */
export function maskConfig(config: SportelloConfig): ConfigView {
  const copy = JSON.parse(JSON.stringify(config)) as Json;
  const secretsSet: Record<string, boolean> = {};
  for (const p of SECRET_PATHS) {
    secretsSet[p] = typeof getPath(copy, p) === 'string';
    const parent = getPath(copy, p.split('.').slice(0, -1).join('.'));
    if (parent && typeof parent === 'object') delete (parent as Json)[p.split('.').pop()!];
  }
  return { config: copy, secretsSet, secretPaths: [...SECRET_PATHS] };
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Json = base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Json) } : {};
  for (const [k, v] of Object.entries(patch as Json)) out[k] = deepMerge(out[k], v);
  return out;
}

/**
 * Applies `patch` to `current`: a secret left null/absent in the patch keeps its value (the UI never
 * had it). Throws ConfigError naming the bad field; nothing is written then.
 */
export function applyConfigPatch(current: SportelloConfig, patch: Json): SportelloConfig {
  const merged = deepMerge(JSON.parse(JSON.stringify(current)), patch) as Json;
  // Issue #10 §4: the stored password and key belong to the node they were issued for. A new scheme, host
  // or port drops them (unless the patch gives new ones): they must be entered again for the new node.
  const movedNode = nodeOrigin(current.node.url) !== nodeOrigin(getPath(merged, 'node.url'));
  // Likewise the MIL client secret belongs to the MIL authentication service it was issued by (issue #14).
  const movedMil = nodeOrigin(current.upstream.mil.authUrl ?? current.upstream.mil.url) !== nodeOrigin(getPath(merged, 'upstream.mil.authUrl') ?? getPath(merged, 'upstream.mil.url'));
  for (const p of SECRET_PATHS) {
    const moved = p.startsWith('upstream.mil.') ? movedMil : movedNode;
    if (moved && typeof getPath(patch, p) !== 'string') {
      const parent = getPath(merged, p.split('.').slice(0, -1).join('.')) as Json | undefined;
      if (parent) delete parent[p.split('.').pop()!];
      continue;
    }
    if (getPath(merged, p) === null || getPath(merged, p) === undefined) {
      const old = getPath(current as unknown as Json, p);
      setPath(merged, p, old === undefined ? undefined : old);
      if (old === undefined) {
        const parentPath = p.split('.').slice(0, -1).join('.');
        const parent = getPath(merged, parentPath) as Json | undefined;
        if (parent) delete parent[p.split('.').pop()!];
      }
    }
  }
  return parseConfig(merged, 'config/update');
}

/** scheme://host:port of a node URL ('' for the embedded simulator). */
function nodeOrigin(url: unknown): string {
  if (typeof url !== 'string') return '';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return url;
  }
}

/**
 * Writes the configuration atomically (temp file + rename), mode 0600, its secrets sealed by `secretBox`
 * (issue #10 §4; default: the headless fallback, key beside the file): plain text never reaches the disk.
 */
export function writeConfigFile(file: string, config: SportelloConfig, secretBox: SecretBoxFor = headlessSecretBox): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sealed = sealSecrets(JSON.parse(JSON.stringify(config)) as Json, secretBox(file));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(sealed, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
