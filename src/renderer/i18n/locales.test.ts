import { describe, expect, it as test } from 'vitest';
import { it } from './locales/it';
import { en } from './locales/en';

function leaves(o: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

describe('locales', () => {
  const itKeys = leaves(it);
  const enKeys = leaves(en);
  test('English has exactly the Italian keys', () => {
    expect([...enKeys.keys()].sort()).toEqual([...itKeys.keys()].sort());
  });
  test('no string is empty and interpolations match between languages', () => {
    for (const [k, v] of itKeys) {
      expect(v.trim(), k).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(enKeys.get(k) ?? ''), k).toEqual(vars(v));
    }
  });
  test('a string is the same in both languages only when it is a name or a term both use (issue #11 §11)', () => {
    // A string copied from one locale into the other and never translated shows up here.
    const SAME_IN_BOTH = new Set(['PIN', 'pagoPA', 'Build']);
    const same = [...itKeys].filter(([k, v]) => enKeys.get(k) === v && !SAME_IN_BOTH.has(v)).map(([k, v]) => `${k} = ${v}`);
    expect(same).toEqual([]);
  });
});
