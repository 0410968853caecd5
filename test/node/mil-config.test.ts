// upstream.kind / upstream.mil (issue #14): defaults, validation that names the field and never echoes a
// secret, the MIL client secret handled like the node's (masked, dropped when the MIL moves, 0600 file,
// redacted in logs), and what MIL needs beyond the schema (11-digit PSP fiscal code, fee ≥ 1 cent).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyConfigPatch, maskConfig } from '../../src/main/app/config-view';
import { holdsSecrets, loadConfig, parseConfig } from '../../src/main/core/config/load';
import { redactSecrets } from '../../src/main/core/log/redact';
import { createMilClientFromConfig, milConfigProblems, upstreamSettingsFromFlags } from '../../src/main/core/mil/from-config';

const SECRET = '11111111-2222-3333-4444-555555555555';

describe('upstream configuration', () => {
  it('defaults to the node; mil with no URL means the embedded simulator and the demo client', () => {
    const c = parseConfig({});
    expect(c.upstream.kind).toBe('node');
    const m = parseConfig({ upstream: { kind: 'mil' } }).upstream.mil;
    expect(m).toMatchObject({ url: null, authUrl: null, channel: 'POS', acquirerId: '4585625', terminalId: '0aB9wXyZ', merchantId: '28405fHfk73x88D' });
    expect(milConfigProblems(parseConfig({ upstream: { kind: 'mil' } }))).toEqual([]);
  });

  it('validates with the OpenAPI patterns and names the field, never the secret', () => {
    expect(() => parseConfig({ upstream: { mil: { terminalId: 'TOO-LONG-1' } } })).toThrow(/upstream\.mil\.terminalId/);
    expect(() => parseConfig({ upstream: { mil: { channel: 'POS', merchantId: null } } })).toThrow(/upstream\.mil\.merchantId/);
    expect(() => parseConfig({ upstream: { mil: { url: 'http://mil.example/pn' } } })).toThrow(/upstream\.mil\.url.*https/);
    let message = '';
    try {
      parseConfig({ upstream: { mil: { clientSecret: 'not-a-secret-of-36-chars!' } } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/upstream\.mil\.clientSecret/);
    expect(message).not.toContain('not-a-secret');
    expect(parseConfig({ upstream: { mil: { channel: 'ATM', merchantId: null } } }).upstream.mil.merchantId).toBeNull();
  });

  it('MIL needs an 11-digit PSP fiscal code and fees of at least 1 cent; the client is not built otherwise', () => {
    const bad = parseConfig({ upstream: { kind: 'mil' }, node: { pspFiscalCode: 'PSPX1' }, fees: { kiosk: { card: 0 } } });
    const problems = milConfigProblems(bad);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/node\.pspFiscalCode/);
    expect(problems[1]).toMatch(/fees\.kiosk\.card/);
    expect(() => createMilClientFromConfig(bad, { embedded: { url: 'http://127.0.0.1:9/pn', authUrl: 'http://127.0.0.1:9/auth' } })).toThrow(/node\.pspFiscalCode/);
    expect(() => createMilClientFromConfig(parseConfig({ upstream: { kind: 'mil' } }))).toThrow(/no MIL url/);
  });

  it('flags: --mil-url implies mil; identifiers override the file; bad ones name the field', () => {
    const base = parseConfig({});
    const u = upstreamSettingsFromFlags(base, { 'mil-url': 'https://mil.example/mil-payment-notice', acquirer: '123', 'terminal-id': 'T9', 'mil-client-secret': SECRET });
    expect(u).toMatchObject({ kind: 'mil', mil: { url: 'https://mil.example/mil-payment-notice', acquirerId: '123', terminalId: 'T9', clientSecret: SECRET } });
    expect(upstreamSettingsFromFlags(base, {}).kind).toBe('node');
    expect(() => upstreamSettingsFromFlags(base, { upstream: 'soap' })).toThrow(/upstream\.kind/);
  });
});

describe('the MIL client secret is a secret like the node password', () => {
  const config = parseConfig({ upstream: { kind: 'mil', mil: { url: 'https://mil.example/pn', authUrl: 'https://auth.example/auth', clientSecret: SECRET } } });

  it('is masked for the renderer and kept when the patch leaves it null', () => {
    const view = maskConfig(config);
    expect(view.secretPaths).toContain('upstream.mil.clientSecret');
    expect(view.secretsSet['upstream.mil.clientSecret']).toBe(true);
    expect(JSON.stringify(view.config)).not.toContain(SECRET);
    expect(applyConfigPatch(config, { upstream: { mil: { terminalId: 'T2', clientSecret: null } } }).upstream.mil.clientSecret).toBe(SECRET);
  });

  it('is dropped when the MIL authentication service moves (unless a new one is given)', () => {
    const moved = applyConfigPatch(config, { upstream: { mil: { authUrl: 'https://other.example/auth' } } });
    expect(moved.upstream.mil.clientSecret).not.toBe(SECRET);
    const node = applyConfigPatch(config, { node: { url: 'https://nodo.example/n' } });
    expect(node.upstream.mil.clientSecret).toBe(SECRET);
  });

  it('makes a config file owner-only, and never reaches a log line', () => {
    expect(holdsSecrets({ upstream: { mil: { clientSecret: SECRET } } })).toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mil-config-'));
    const file = path.join(dir, 'c.json');
    fs.writeFileSync(file, JSON.stringify({ upstream: { kind: 'mil', mil: { clientSecret: SECRET } } }), { mode: 0o644 });
    const warnings: string[] = [];
    loadConfig(file, { onWarning: (m) => warnings.push(m) });
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).mode & 0o077).toBe(0);
      expect(warnings[0]).toMatch(/holds secrets/);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    const line = JSON.stringify(redactSecrets({ clientSecret: SECRET, form: { client_secret: SECRET, access_token: 'a.b.c' }, headers: { Authorization: 'Bearer a.b.c' } }));
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain('a.b.c');
  });
});
