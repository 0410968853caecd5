import { describe, expect, it, vi } from 'vitest';
import * as nodeCrypto from 'node:crypto';
import { DEFAULT_SCRYPT_PARAMS, hashPin, needsRehash, parsePinHash, verifyPin } from '../../src/main/core/operators/pin-hash';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof nodeCrypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const FAST = { N: 1024, r: 8, p: 1 };

describe('PIN hashing', () => {
  it('stores the scrypt parameters and a random salt with each hash', async () => {
    const a = await hashPin('1234', FAST);
    const b = await hashPin('1234', FAST);
    expect(a).not.toBe(b);
    const pa = parsePinHash(a);
    const pb = parsePinHash(b);
    expect(pa?.params).toEqual(FAST);
    expect(pa?.salt.length).toBe(16);
    expect(pa?.salt.equals(pb!.salt)).toBe(false);
    expect(pa?.key.equals(pb!.key)).toBe(false);
    expect(a).not.toContain('1234');
  });

  it('accepts the right PIN and refuses a wrong or malformed one', async () => {
    const h = await hashPin('482913', FAST);
    expect(await verifyPin('482913', h)).toBe(true);
    expect(await verifyPin('482914', h)).toBe(false);
    expect(await verifyPin('', h)).toBe(false);
    expect(await verifyPin('482913', 'scrypt$1024$8$1$AAAA$BBBB')).toBe(false);
    expect(await verifyPin('482913', 'plain:482913')).toBe(false);
  });

  it('compares derived keys with crypto.timingSafeEqual', async () => {
    const spy = vi.mocked(nodeCrypto.timingSafeEqual);
    spy.mockClear();
    const h = await hashPin('1111', FAST);
    await verifyPin('2222', h);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('default parameters are the slow ones, and weaker hashes are flagged for rehash', async () => {
    expect(DEFAULT_SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(32768);
    const weak = await hashPin('1234', FAST);
    expect(needsRehash(weak)).toBe(true);
    const strong = await hashPin('1234');
    expect(parsePinHash(strong)?.params).toEqual(DEFAULT_SCRYPT_PARAMS);
    expect(needsRehash(strong)).toBe(false);
    expect(await verifyPin('1234', strong)).toBe(true);
  });
});
