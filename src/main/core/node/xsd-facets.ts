// XSD 1.0 facets on a lexical value, shared by the service-XML validator (service-xsd.ts, issue #13) and
// the simulator's request validator (src/main/node-sim/xsd-validator.ts), so both read the schemas alike.

const patternCache = new Map<string, RegExp>();
/** XSD regexes are implicitly anchored; `\d` is any Unicode decimal digit (XSD 1.0 F.1.1, as in libxml2). */
export function xsdRegExp(p: string): RegExp {
  let re = patternCache.get(p);
  if (!re) {
    re = new RegExp(`^(?:${p.replace(/\\d/g, '\\p{Nd}').replace(/(^|[^\\])\./g, '$1[^\\n\\r]')})$`, 'u');
    patternCache.set(p, re);
  }
  return re;
}

/** whiteSpace="collapse". */
export const collapse = (s: string): string => s.replace(/[\t\n\r ]+/g, ' ').trim();
/** Length in characters (code points), as XSD counts it. */
export const chars = (s: string): number => [...s].length;

export type StringFacets = {
  readonly name: string;
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enumeration?: readonly string[];
};

/** The first string facet `raw` breaks (in xmllint's words), or undefined. */
export function stringFacetError(t: StringFacets, raw: string): string | undefined {
  const n = chars(raw);
  if (t.length !== undefined && n !== t.length) return `length ${n}, ${t.name} requires ${t.length}`;
  if (t.minLength !== undefined && n < t.minLength) return `length ${n} below minLength ${t.minLength} of ${t.name}`;
  if (t.maxLength !== undefined && n > t.maxLength) return `length ${n} above maxLength ${t.maxLength} of ${t.name}`;
  if (t.pattern !== undefined && !xsdRegExp(t.pattern).test(raw)) return `not accepted by the pattern '${t.pattern}' of ${t.name}`;
  if (t.enumeration && !t.enumeration.includes(raw)) return `not an element of the set {${t.enumeration.join(', ')}} of ${t.name}`;
  return undefined;
}
