// Node settings from the configuration file plus CLI flags (issue #3 §3). Flags win. Validation errors
// name the field, never its value, so a password or subscription key cannot leak into a message.
import fs from 'node:fs';
import { ConfigError } from '../config/load';
import { nodeConfigSchema, type NodeConfig, type SportelloConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { NodeConfigError } from './errors';
import { createNodeClient } from './soap-client';
import type { NodeClient } from './types';

/** The flags of NODE_FLAGS (src/main/cli/args.ts), as parseArgs returns them. */
export type NodeFlags = {
  'node-url'?: string | boolean;
  'subscription-key'?: string | boolean;
  psp?: string | boolean;
  broker?: string | boolean;
  channel?: string | boolean;
  password?: string | boolean;
};

const nodeOf = (c: SportelloConfig | NodeConfig): NodeConfig => ('node' in c ? c.node : c);
const s = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export function nodeSettingsFromFlags(config: SportelloConfig | NodeConfig, flags: NodeFlags): NodeConfig {
  const base = nodeOf(config);
  const merged = {
    ...base,
    ...(s(flags['node-url']) !== undefined ? { url: s(flags['node-url']) } : {}),
    ...(s(flags['subscription-key']) !== undefined ? { subscriptionKey: s(flags['subscription-key']) } : {}),
    ...(s(flags.psp) !== undefined ? { idPSP: s(flags.psp) } : {}),
    ...(s(flags.broker) !== undefined ? { idBrokerPSP: s(flags.broker) } : {}),
    ...(s(flags.channel) !== undefined ? { idChannel: s(flags.channel) } : {}),
    ...(s(flags.password) !== undefined ? { password: s(flags.password) } : {}),
  };
  const parsed = nodeConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(node)';
    throw new ConfigError(`invalid node setting "${field}": ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function readTls(file: string | undefined, what: string): Buffer | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new NodeConfigError('tls-file', `cannot read TLS ${what} file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** Builds the client. With `url: null` the caller must pass the embedded simulator's URL. */
export function createNodeClientFromConfig(config: SportelloConfig | NodeConfig, opts: { embeddedUrl?: string; logger?: Logger } = {}): NodeClient {
  const n = nodeOf(config);
  const url = n.url ?? opts.embeddedUrl;
  if (!url) throw new NodeConfigError('no-endpoint', 'no node url configured and no embedded simulator url given');
  const ca = readTls(n.tls.caFile, 'CA');
  const cert = readTls(n.tls.certFile, 'certificate');
  const key = readTls(n.tls.keyFile, 'key');
  return createNodeClient({
    url,
    identity: { idPSP: n.idPSP, idBrokerPSP: n.idBrokerPSP, idChannel: n.idChannel, password: n.password },
    ...(n.subscriptionKey ? { subscriptionKey: n.subscriptionKey } : {}),
    timeouts: n.timeouts,
    apiVersion: n.apiVersion,
    tls: { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) },
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
}
