// Idempotency keys: `<CF_PSP>_<RANDOM>` (pagopa-psp.md §3.11, SANP Best practice), XSD stIdempotencyKey
// `[a-zA-Z0-9]{2,18}_[a-zA-Z0-9]{10}`. Created once per logical operation by the caller and persisted
// before the call, so a retry after a crash reuses it.
import { randomBytes } from 'node:crypto';

export const IDEMPOTENCY_KEY_RE = /^[a-zA-Z0-9]{2,18}_[a-zA-Z0-9]{10}$/;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomSuffix(): string {
  // 62 does not divide 256: reject bytes ≥ 248 so every character is equally likely.
  let out = '';
  while (out.length < 10) {
    for (const b of randomBytes(16)) {
      if (b < 248 && out.length < 10) out += ALNUM[b % 62];
    }
  }
  return out;
}

/** idPSP stripped of non-alphanumerics and cut to 18 (padded with '0' to the XSD's minimum of 2). */
export function makeIdempotencyKey(idPSP: string, random: () => string = randomSuffix): string {
  const prefix = idPSP
    .replace(/[^a-zA-Z0-9]/g, '')
    .slice(0, 18)
    .padEnd(2, '0');
  const suffix = random();
  if (!/^[a-zA-Z0-9]{10}$/.test(suffix)) throw new RangeError('idempotency key suffix must be 10 alphanumeric characters');
  return `${prefix}_${suffix}`;
}
