import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, databasePathFor, loadConfig, parseConfig } from './load';
import { tempDir } from '../../../../test/helpers/fs-faults';

describe('configuration', () => {
  it('has a complete embedded default: simulator node, virtual devices, counter mode', () => {
    const c = parseConfig({});
    expect(c.node.url).toBeNull();
    expect(c.node.timeouts).toEqual({ verifyMs: 12_000, activateMs: 12_000, outcomeMs: 15_000, demandMs: 12_000, catalogueMs: 15_000 });
    expect(c.devices.printer.transport).toEqual({ type: 'virtual' });
    expect(c.devices.terminal.transport).toEqual({ type: 'virtual' });
    expect(c.terminal.mode).toBe('counter');
    expect(c.offline.kioskEnabled).toBe(false);
  });

  it('names the bad field in the error', () => {
    expect(() => parseConfig({ node: { timeouts: { verifyMs: -1 } } })).toThrow(/"node\.timeouts\.verifyMs"/);
    expect(() => parseConfig({ devices: { printer: { paperWidthMm: 70 } } })).toThrow(/"devices\.printer\.paperWidthMm"/);
    expect(() => parseConfig({ nonsense: true })).toThrow(ConfigError);
  });

  it('never echoes a secret back in an error', () => {
    try {
      parseConfig({ node: { password: 'short', subscriptionKey: 'SECRET-KEY-123' } });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain('node.password');
      expect((err as Error).message).not.toContain('short');
      expect((err as Error).message).not.toContain('SECRET-KEY-123');
    }
  });

  it('loads a file and reports unreadable or invalid JSON files clearly', () => {
    const dir = tempDir();
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ terminal: { id: 'K07', mode: 'kiosk' } }));
    expect(loadConfig(file).terminal).toMatchObject({ id: 'K07', mode: 'kiosk' });
    fs.writeFileSync(file, '{ nope');
    expect(() => loadConfig(file)).toThrow(/not valid JSON/);
    expect(() => loadConfig(path.join(dir, 'missing.json'))).toThrow(/cannot read configuration file .*ENOENT/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resolves the database path: --db, then SPORTELLO_DB, then the data directory', () => {
    const c = parseConfig({ dataDir: '/data/sportello' });
    const saved = process.env.SPORTELLO_DB;
    delete process.env.SPORTELLO_DB;
    expect(databasePathFor(c)).toBe(path.join('/data/sportello', 'sportello.db'));
    process.env.SPORTELLO_DB = '/env/x.db';
    expect(databasePathFor(c)).toBe('/env/x.db');
    expect(databasePathFor(c, '/flag/y.db')).toBe('/flag/y.db');
    if (saved === undefined) delete process.env.SPORTELLO_DB;
    else process.env.SPORTELLO_DB = saved;
  });

  it('node and update URLs must be https unless loopback (issue #10 §4/§5)', () => {
    expect(() => parseConfig({ node: { url: 'http://nodo.example/node' } })).toThrow(/"node\.url".*https/);
    expect(() => parseConfig({ update: { url: 'http://updates.example/site' } })).toThrow(/"update\.url".*https/);
    expect(parseConfig({ node: { url: 'https://api.platform.pagopa.it/nodo' } }).node.url).toBe('https://api.platform.pagopa.it/nodo');
    for (const local of ['http://127.0.0.1:8080/n', 'http://localhost:1/n', 'http://[::1]:9/n']) expect(parseConfig({ node: { url: local } }).node.url).toBe(local);
  });

  it.skipIf(process.platform === 'win32')('a secret-holding config file readable by others is fixed to 0600 with a warning; one without secrets is left alone', () => {
    const dir = tempDir('sportello-cfg-mode-');
    const secret = path.join(dir, 'prod.json');
    fs.writeFileSync(secret, JSON.stringify({ node: { url: 'https://nodo.example/n', password: 'hunter2hunter2', subscriptionKey: 'KEY' } }), { mode: 0o644 });
    fs.chmodSync(secret, 0o644);
    const warnings: string[] = [];
    loadConfig(secret, { onWarning: (m) => warnings.push(m) });
    expect(fs.statSync(secret).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([expect.stringMatching(/readable by others \(mode 644\): changed to 600/)]);
    expect(warnings.join('')).not.toMatch(/hunter2|KEY/);
    const plain = path.join(dir, 'plain.json');
    fs.writeFileSync(plain, JSON.stringify({ terminal: { id: 'T09' } }));
    fs.chmodSync(plain, 0o644);
    loadConfig(plain, { onWarning: (m) => warnings.push(m) });
    expect(fs.statSync(plain).mode & 0o777).toBe(0o644);
    expect(warnings).toHaveLength(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
