// In-process XSD validation of incoming requests (issue #3 §2: spawning xmllint per request is too slow).
// Implements what the request types need: sequences with cardinalities, unqualified local elements,
// element-only content, and the simple-type facets (length, pattern, enumeration, decimal/integer bounds,
// xsd:date, xsd:boolean, xsd:base64Binary) with XSD whitespace rules (string preserves, others collapse).
import { NS_NODE_FOR_PSP } from '../core/node/xml';
import { collapse, stringFacetError, xsdRegExp } from '../core/node/xsd-facets';
import type { XmlEl } from './xml-tree';
import { REQUEST_TYPES, type ComplexType, type Particle, type SimpleType } from './xsd-model';

export type XsdResult = { ok: true } | { ok: false; error: string };

/** Compares two non-negative-or-negative decimal lexicals exactly (no floating point). */
function cmpDecimal(a: string, b: string): number {
  const norm = (s: string): [bigint, number] => {
    const neg = s.startsWith('-');
    const t = s.replace(/^[+-]/, '');
    const [i = '0', f = ''] = t.split('.');
    return [BigInt((neg ? '-' : '') + (i || '0') + f.padEnd(20, '0')), 0];
  };
  const [x] = norm(a);
  const [y] = norm(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function daysIn(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function checkSimple(t: SimpleType, raw: string): string | undefined {
  switch (t.kind) {
    case 'string':
      return stringFacetError(t, raw);
    case 'decimal': {
      const v = collapse(raw);
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)) return `'${v.slice(0, 30)}' is not a valid xs:decimal`;
      if (t.pattern !== undefined && !xsdRegExp(t.pattern).test(v)) return `not accepted by the pattern '${t.pattern}' of ${t.name}`;
      if (t.minInclusive !== undefined && cmpDecimal(v, t.minInclusive) < 0) return `less than minInclusive ${t.minInclusive} of ${t.name}`;
      if (t.maxInclusive !== undefined && cmpDecimal(v, t.maxInclusive) > 0) return `greater than maxInclusive ${t.maxInclusive} of ${t.name}`;
      return undefined;
    }
    case 'integer': {
      const v = collapse(raw);
      if (!/^[+-]?\d+$/.test(v)) return `'${v.slice(0, 30)}' is not a valid xs:integer`;
      if (t.maxInclusive !== undefined && BigInt(v) > t.maxInclusive) return `greater than maxInclusive ${t.maxInclusive} of ${t.name}`;
      return undefined;
    }
    case 'int': {
      const v = collapse(raw);
      if (!/^[+-]?\d+$/.test(v) || BigInt(v) > 2147483647n || BigInt(v) < -2147483648n) return `'${v.slice(0, 30)}' is not a valid xs:int`;
      // enumeration compares values: "+1" and "01" equal 1
      if (t.enumeration && !t.enumeration.some((e) => BigInt(e) === BigInt(v))) return `not an element of the set {${t.enumeration.join(', ')}} of ${t.name}`;
      return undefined;
    }
    case 'date': {
      const m = /^(-?)(\d{4,})-(\d{2})-(\d{2})(Z|[+-](\d{2}):(\d{2}))?$/.exec(collapse(raw));
      if (!m) return `not a valid xs:date`;
      const year = Number(m[2]);
      const month = Number(m[3]);
      const day = Number(m[4]);
      if ((m[2] as string).length > 4 && m[2]?.startsWith('0')) return 'not a valid xs:date';
      if (year === 0 || month < 1 || month > 12 || day < 1 || day > daysIn(m[1] ? 1 - year : year, month)) return 'not a valid xs:date';
      if (m[6] !== undefined && (Number(m[6]) > 14 || Number(m[7]) > 59 || (Number(m[6]) === 14 && Number(m[7]) !== 0))) return 'not a valid xs:date timezone';
      return undefined;
    }
    case 'boolean':
      return /^(true|false|1|0)$/.test(collapse(raw)) ? undefined : 'not a valid xs:boolean';
    case 'base64': {
      const v = raw.replace(/[\t\n\r ]/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) return 'not a valid xs:base64Binary';
      return undefined;
    }
  }
}

function path(p: string, e: XmlEl): string {
  return `${p}/${e.local}`;
}

function validateElement(e: XmlEl, type: SimpleType | ComplexType, where: string): string | undefined {
  const attr = Object.keys(e.attrs)[0];
  if (attr !== undefined) return `${where}: the attribute '${attr}' is not allowed`;
  if (type.kind !== 'complex') {
    if (e.children.length > 0) return `${where}: element content is not allowed (simple type ${type.name})`;
    const err = checkSimple(type, e.text);
    return err === undefined ? undefined : `${where}: ${err}`;
  }
  if (e.text.trim() !== '') return `${where}: character content is not allowed (element-only type ${type.name})`;
  return validateSequence(e.children, type.seq, where);
}

const names = (p: Particle) => ('el' in p ? [p.el] : p.choice.map((c) => c.el));

function validateSequence(children: XmlEl[], seq: Particle[], where: string): string | undefined {
  let i = 0;
  for (let k = 0; k < seq.length; k++) {
    const p = seq[k] as Particle;
    let count = 0;
    while (count < p.max && i < children.length) {
      const c = children[i] as XmlEl;
      // nodeForPsp.xsd has no elementFormDefault: local elements are unqualified (no namespace).
      const hit = c.ns === null ? ('el' in p ? (p.el === c.local ? p.type : undefined) : p.choice.find((o) => o.el === c.local)?.type) : undefined;
      if (!hit) break;
      const err = validateElement(c, hit, path(where, c));
      if (err) return err;
      count++;
      i++;
    }
    if (count < p.min) {
      const expected = seq
        .slice(k)
        .filter((q, j) => j === 0 || q.min === 0)
        .flatMap(names);
      const next = children[i];
      return next ? `${path(where, next)}: this element is not expected; expected is ( ${expected.join(' | ')} )` : `${where}: missing child element(s); expected is ( ${names(p).join(' | ')} )`;
    }
  }
  const extra = children[i];
  return extra ? `${path(where, extra)}: this element is not expected` : undefined;
}

/** Validates a SOAP body element (a global request element of nodeForPsp.xsd). */
export function validateRequestElement(e: XmlEl): XsdResult {
  const type = REQUEST_TYPES[e.local];
  if (e.ns !== NS_NODE_FOR_PSP || !type) return { ok: false, error: `${e.local}: no matching global element declaration in nodeForPsp.xsd` };
  const err = validateElement(e, type, e.local);
  return err === undefined ? { ok: true } : { ok: false, error: err };
}
