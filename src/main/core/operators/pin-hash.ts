// PIN hashing: scrypt with a per-operator random salt, parameters stored in the hash string so they can
// be raised later without invalidating existing PINs (issue #4 §5 "salted slow hash").
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export type ScryptParams = { readonly N: number; readonly r: number; readonly p: number };

/** N=2^15, r=8: ~90 ms per verify on the 2-core reference machine (see operators README facts). */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 32768, r: 8, p: 1 };

const KEY_LEN = 32;
const SALT_LEN = 16;
const PREFIX = 'scrypt';

function derive(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; raise maxmem above Node's 32 MiB default so N can grow.
  const maxmem = 256 * params.N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFC'), salt, KEY_LEN, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$<salt b64>$<hash b64>` */
export async function hashPin(pin: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LEN);
  const key = await derive(pin, salt, params);
  return [PREFIX, params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export type ParsedPinHash = { params: ScryptParams; salt: Buffer; key: Buffer };

export function parsePinHash(encoded: string): ParsedPinHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return null;
  return { params: { N, r, p }, salt: Buffer.from(parts[4] ?? '', 'base64'), key: Buffer.from(parts[5] ?? '', 'base64') };
}

/** Constant-time comparison of the derived key (crypto.timingSafeEqual); false for a malformed hash. */
export async function verifyPin(pin: string, encoded: string): Promise<boolean> {
  const parsed = parsePinHash(encoded);
  if (!parsed || parsed.key.length !== KEY_LEN) return false;
  const key = await derive(pin, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** True when the stored hash uses weaker parameters than `target` (rehash after the next good login). */
export function needsRehash(encoded: string, target: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parsePinHash(encoded);
  return !parsed || parsed.params.N < target.N || parsed.params.r < target.r || parsed.params.p < target.p;
}
