// Issue #10 §4: secrets at rest are sealed — the OS key store in the Electron shell (safeStorage, under
// vi.mock('electron')), AES-256-GCM with a per-terminal key file beside the configuration for the headless
// CLI and `serve`. Plain text in a hand-written file is accepted and sealed at the next write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable: vi.fn(() => safeStorage.available),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
  // A stand-in key store: reversible, but nothing like the plain text.
  encryptString: vi.fn((s: string) => Buffer.from(`OS(${Buffer.from(s).toString('hex')})`)),
  decryptString: vi.fn((b: Buffer) => {
    const m = /^OS\(([0-9a-f]*)\)$/.exec(b.toString());
    if (!m) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(m[1]!, 'hex').toString();
  }),
};
vi.mock('electron', () => ({ safeStorage }));

const { safeStorageSecretBox } = await import('../../src/main/electron/safe-storage-box');
const { safeStorage: electronSafeStorage } = await import('electron');
const { loadConfig, parseConfig, ConfigError } = await import('../../src/main/core/config/load');
const { writeConfigFile, applyConfigPatch } = await import('../../src/main/app/config-view');
const { secretKeyFileFor } = await import('../../src/main/core/config/secret-box');

const PASSWORD = 'Pw9xQz7kLm';
const KEY = 'subkey-7c1e9a4f2b';
const MIL = 'c0ffee00-1234-4abc-9def-55aa55aa55aa';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-secrets-'));
  file = path.join(dir, 'config.json');
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  vi.clearAllMocks();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const production = () => parseConfig({ node: { url: 'https://nodo.example/n', password: PASSWORD, subscriptionKey: KEY }, upstream: { mil: { clientSecret: MIL } } });

function expectNoPlainSecret(text: string): void {
  for (const s of [PASSWORD, KEY, MIL]) expect(text).not.toContain(s);
}

describe('headless fallback: AES-256-GCM, key file beside the configuration', () => {
  it('the file on disk holds no plain secret after a write; loading opens them again', () => {
    writeConfigFile(file, production());
    const text = fs.readFileSync(file, 'utf8');
    expectNoPlainSecret(text);
    const raw = JSON.parse(text);
    expect(raw.node.password).toEqual({ enc: expect.stringMatching(/^v1:gcm:/) });
    expect(raw.node.subscriptionKey).toEqual({ enc: expect.stringMatching(/^v1:gcm:/) });
    expect(raw.upstream.mil.clientSecret).toEqual({ enc: expect.stringMatching(/^v1:gcm:/) });
    expect(raw.node.url).toBe('https://nodo.example/n'); // only secrets are sealed
    const keyFile = secretKeyFileFor(file);
    expect(path.dirname(keyFile)).toBe(dir);
    if (process.platform !== 'win32') {
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    }
    const back = loadConfig(file);
    expect(back.node).toMatchObject({ password: PASSWORD, subscriptionKey: KEY });
    expect(back.upstream.mil.clientSecret).toBe(MIL);
    // A second write reuses the terminal's key (the first write's secrets stay readable).
    const keyBefore = fs.readFileSync(keyFile, 'utf8');
    writeConfigFile(file, applyConfigPatch(back, { ui: { language: 'en' } }));
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(keyBefore);
    expect(loadConfig(file)).toMatchObject({ ui: { language: 'en' }, node: { password: PASSWORD } });
  });

  it('a hand-written plain-text file is accepted, and sealed at the next write (migration)', () => {
    fs.writeFileSync(file, JSON.stringify({ node: { url: 'https://nodo.example/n', password: PASSWORD, subscriptionKey: KEY } }), { mode: 0o600 });
    const loaded = loadConfig(file);
    expect(loaded.node).toMatchObject({ password: PASSWORD, subscriptionKey: KEY });
    writeConfigFile(file, applyConfigPatch(loaded, { ui: { language: 'en' } }));
    expectNoPlainSecret(fs.readFileSync(file, 'utf8'));
    expect(loadConfig(file).node).toMatchObject({ password: PASSWORD, subscriptionKey: KEY });
  });

  it('another key, a missing key or an altered value: a clear error naming the field, asking to enter it again', () => {
    writeConfigFile(file, production());
    const keyFile = secretKeyFileFor(file);
    const attempt = () => {
      try {
        loadConfig(file);
      } catch (e) {
        return e as Error;
      }
      throw new Error('loadConfig accepted a secret it cannot open');
    };
    fs.writeFileSync(keyFile, `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o600 });
    let err = attempt();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/the secret node\.password cannot be decrypted .*another key.*enter it again/);
    expectNoPlainSecret(err.message);
    fs.rmSync(keyFile);
    err = attempt();
    expect(err.message).toMatch(/node\.password cannot be decrypted \(the secrets key .* is missing\).*enter it again/);
    // A sealed value moved to another field does not open there (the field is bound to the ciphertext).
    fs.rmSync(file);
    writeConfigFile(file, production());
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    raw.node.subscriptionKey = raw.node.password;
    fs.writeFileSync(file, JSON.stringify(raw), { mode: 0o600 });
    expect(attempt().message).toMatch(/node\.subscriptionKey cannot be decrypted/);
  });
});

describe('Electron shell: the operating system key store (safeStorage)', () => {
  it('seals with safeStorage when it is available, and opens through it', () => {
    const box = safeStorageSecretBox(electronSafeStorage);
    writeConfigFile(file, production(), box);
    const text = fs.readFileSync(file, 'utf8');
    expectNoPlainSecret(text);
    expect(JSON.parse(text).node.password).toEqual({ enc: expect.stringMatching(/^v1:os:/) });
    expect(safeStorage.encryptString).toHaveBeenCalledTimes(3);
    expect(fs.existsSync(secretKeyFileFor(file))).toBe(false); // no fallback key needed
    expect(loadConfig(file, { secretBox: box }).node).toMatchObject({ password: PASSWORD, subscriptionKey: KEY });
    expect(safeStorage.decryptString).toHaveBeenCalled();
    // The headless CLI has no access to the OS key store: it says so, and how to recover.
    expect(() => loadConfig(file)).toThrow(/node\.password cannot be decrypted \(sealed with another key store \(v1:os\).*enter it again/);
  });

  it('without a usable key store (none, or Linux basic_text) it falls back to the key file', () => {
    for (const setup of [() => (safeStorage.available = false), () => (safeStorage.backend = 'basic_text')]) {
      fs.rmSync(file, { force: true });
      setup();
      if (safeStorage.available || process.platform === 'linux') {
        const box = safeStorageSecretBox(electronSafeStorage);
        writeConfigFile(file, production(), box);
        expect(JSON.parse(fs.readFileSync(file, 'utf8')).node.password).toEqual({ enc: expect.stringMatching(/^v1:gcm:/) });
        expect(loadConfig(file, { secretBox: box }).node.password).toBe(PASSWORD);
        expect(loadConfig(file).node.password).toBe(PASSWORD); // and the CLI can read it too
      }
      safeStorage.available = true;
      safeStorage.backend = 'gnome_libsecret';
    }
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
  });

  it('a value sealed by another user or machine is a clear error', () => {
    const box = safeStorageSecretBox(electronSafeStorage);
    writeConfigFile(file, production(), box);
    safeStorage.decryptString.mockImplementationOnce(() => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    });
    expect(() => loadConfig(file, { secretBox: box })).toThrow(/node\.password cannot be decrypted \(it was sealed by another user or machine's key store, or altered\).*enter it again/);
  });
});
