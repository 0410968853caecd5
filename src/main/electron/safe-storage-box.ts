// The Electron shell seals configuration secrets with the operating system's key store (issue #10 §4):
// safeStorage (Keychain, DPAPI, libsecret/kwallet). Where it has none — or on Linux only the hard-coded
// 'basic_text' key, which protects nothing — the headless fallback (AES-256-GCM, key file beside the
// configuration) seals instead. Values sealed by either are opened by the one that sealed them.
import type { SafeStorage } from 'electron';
import { headlessSecretBox, SecretBoxError, type SecretBox, type SecretBoxFor } from '../core/config/secret-box';

const OS = 'v1:os:';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

function osKeyStoreUsable(ss: SafeStorageLike): boolean {
  if (!ss.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || ss.getSelectedStorageBackend?.() !== 'basic_text';
}

export function safeStorageSecretBox(ss: SafeStorageLike, fallbackFor: SecretBoxFor = headlessSecretBox): SecretBoxFor {
  return (configFile) => {
    const fallback = fallbackFor(configFile);
    const box: SecretBox = {
      seal(plain, field) {
        if (!osKeyStoreUsable(ss)) return fallback.seal(plain, field);
        // The field is sealed with the value, so a value moved to another field does not open there.
        return OS + ss.encryptString(JSON.stringify([field, plain])).toString('base64');
      },
      open(sealed, field) {
        if (!sealed.startsWith(OS)) return fallback.open(sealed, field);
        if (!ss.isEncryptionAvailable()) throw new SecretBoxError("the operating system's key store is not available to this user session");
        let pair: unknown;
        try {
          pair = JSON.parse(ss.decryptString(Buffer.from(sealed.slice(OS.length), 'base64')));
        } catch {
          throw new SecretBoxError("it was sealed by another user or machine's key store, or altered");
        }
        if (!Array.isArray(pair) || pair[0] !== field || typeof pair[1] !== 'string') throw new SecretBoxError('it was sealed for another field');
        return pair[1];
      },
    };
    return box;
  };
}
