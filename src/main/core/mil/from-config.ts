// MIL settings (config `upstream.mil`) → client. Errors name the setting, never a secret's value.
import { ConfigError } from '../config/load';
import { upstreamConfigSchema, type SportelloConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { NodeConfigError } from '../node/errors';
import { createMilClient } from './client';
import type { MilClient } from './types';

/**
 * What MIL needs beyond the schema (pagopa-extra.md §a.3): idempotency keys ^\d{11}_…, so the PSP fiscal
 * code (node.pspFiscalCode, else node.idPSP) must be 11 digits; and a preClose fee ≥ 1 cent, so every fee
 * the terminal charges must be ≥ 1. Returns the problems (empty = fine).
 */
export function milConfigProblems(config: SportelloConfig): string[] {
  const problems: string[] = [];
  const prefix = config.node.pspFiscalCode ?? config.node.idPSP;
  if (!/^\d{11}$/.test(prefix)) problems.push('node.pspFiscalCode (or node.idPSP) must be the 11-digit PSP fiscal code: MIL idempotency keys are ^\\d{11}_[a-zA-Z0-9]{10}$');
  for (const mode of ['counter', 'kiosk'] as const)
    for (const method of ['cash', 'card'] as const) if (config.fees[mode][method] < 1) problems.push(`fees.${mode}.${method} must be at least 1 cent: MIL refuses a preClose with fee 0 (008000016)`);
  return problems;
}

export function createMilClientFromConfig(config: SportelloConfig, opts: { embedded?: { url: string; authUrl: string }; logger?: Logger; now?: () => number } = {}): MilClient {
  const m = config.upstream.mil;
  const url = m.url ?? opts.embedded?.url;
  const authUrl = m.authUrl ?? (m.url ? m.url : opts.embedded?.authUrl);
  if (!url || !authUrl) throw new NodeConfigError('no-endpoint', 'no MIL url configured and no embedded MIL simulator url given');
  const problems = milConfigProblems(config);
  if (problems.length > 0) throw new NodeConfigError('invalid-setting', `upstream mil: ${problems[0]}`);
  return createMilClient({
    url,
    authUrl,
    identity: {
      acquirerId: m.acquirerId,
      channel: m.channel,
      ...(m.merchantId ? { merchantId: m.merchantId } : {}),
      terminalId: m.terminalId,
      clientId: m.clientId,
      clientSecret: m.clientSecret,
      ...(m.version ? { version: m.version } : {}),
    },
    timeouts: m.timeouts,
    refreshMarginMs: m.tokenRefreshMarginMs,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
}

/** The MIL flags of NODE_FLAGS (src/main/cli/args.ts), as parseArgs returns them; the secret comes from a file or the environment. */
export type MilFlags = {
  upstream?: string | boolean;
  'mil-url'?: string | boolean;
  'mil-auth-url'?: string | boolean;
  acquirer?: string | boolean;
  merchant?: string | boolean;
  'terminal-id'?: string | boolean;
  'mil-channel'?: string | boolean;
  'mil-client-id'?: string | boolean;
  'mil-client-secret'?: string | boolean;
};

/** config.upstream with the flags applied (flags win); errors name the field, never a value. */
export function upstreamSettingsFromFlags(config: SportelloConfig, flags: MilFlags): SportelloConfig['upstream'] {
  const s = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
  const set = (key: string, v: string | undefined) => (v === undefined ? {} : { [key]: v });
  const base = config.upstream;
  const merged = {
    kind: s(flags.upstream) ?? (s(flags['mil-url']) !== undefined ? 'mil' : base.kind),
    mil: {
      ...base.mil,
      ...set('url', s(flags['mil-url'])),
      ...set('authUrl', s(flags['mil-auth-url'])),
      ...set('acquirerId', s(flags.acquirer)),
      ...set('merchantId', s(flags.merchant)),
      ...set('terminalId', s(flags['terminal-id'])),
      ...set('channel', s(flags['mil-channel'])),
      ...set('clientId', s(flags['mil-client-id'])),
      ...set('clientSecret', s(flags['mil-client-secret'])),
    },
  };
  const parsed = upstreamConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? `upstream.${issue.path.join('.')}` : 'upstream';
    throw new ConfigError(`invalid setting "${field}": ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
