// In-process validation of a service-specific document (datiSpecificiServizio, issue #13) against its XSD,
// transcribed as data in the service's form definition. Covers what catalogue-service schemas use: a
// target namespace with elementFormDefault qualified or not, sequences and choices with cardinalities,
// string facets (length, minLength, maxLength, pattern, enumeration) with XSD whitespace rules, integers
// with bounds. Tests check each form's model against the real XSD with xmllint.
import { parseXmlTree, XmlTreeError, type XmlEl } from './xml-tree';
import { collapse, stringFacetError } from './xsd-facets';

export type XsdSimpleType =
  | { kind: 'string'; name: string; minLength?: number; maxLength?: number; length?: number; pattern?: string; enumeration?: readonly string[] }
  | { kind: 'integer'; name: string; minInclusive?: number; maxInclusive?: number };
export type XsdGroup = { kind: 'sequence' | 'choice'; name: string; items: readonly XsdElementDecl[] };
export type XsdElementDecl = { name: string; type: XsdSimpleType | XsdGroup; minOccurs?: number; maxOccurs?: number };

export type ServiceSchema = {
  /** File name of the XSD (the catalogue's xsdRiferimento names it). */
  file: string;
  targetNamespace: string;
  /** elementFormDefault="qualified": local elements carry the target namespace too. */
  qualified: boolean;
  root: XsdElementDecl;
};

export type XsdCheck = { ok: true } | { ok: false; error: string };

function checkSimple(t: XsdSimpleType, raw: string): string | undefined {
  if (t.kind === 'integer') {
    const v = collapse(raw);
    if (!/^[+-]?\d+$/.test(v)) return `'${v.slice(0, 20)}' is not a valid xs:integer`;
    const n = Number(v);
    if (t.minInclusive !== undefined && n < t.minInclusive) return `less than minInclusive ${t.minInclusive} of ${t.name}`;
    if (t.maxInclusive !== undefined && n > t.maxInclusive) return `greater than maxInclusive ${t.maxInclusive} of ${t.name}`;
    return undefined;
  }
  return stringFacetError(t, raw);
}

function validateEl(e: XmlEl, d: XsdElementDecl, s: ServiceSchema, where: string): string | undefined {
  const attr = Object.keys(e.attrs)[0];
  if (attr !== undefined) return `${where}: the attribute '${attr}' is not allowed`;
  if (d.type.kind === 'string' || d.type.kind === 'integer') {
    if (e.children.length > 0) return `${where}: element content is not allowed (simple type ${d.type.name})`;
    const err = checkSimple(d.type, e.text);
    return err === undefined ? undefined : `${where}: ${err}`;
  }
  if (e.text.trim() !== '') return `${where}: character content is not allowed`;
  const localNs = s.qualified ? s.targetNamespace : null;
  const matches = (c: XmlEl, item: XsdElementDecl) => c.local === item.name && c.ns === localNs;
  const kids = e.children;
  if (d.type.kind === 'choice') {
    const first = kids[0];
    const item = first ? d.type.items.find((i) => matches(first, i)) : undefined;
    if (!first || !item) return `${first ? `${where}/${first.local}` : where}: expected one of ( ${d.type.items.map((i) => i.name).join(' | ')} )`;
    const err = validateEl(first, item, s, `${where}/${first.local}`);
    if (err) return err;
    return kids[1] ? `${where}/${kids[1].local}: this element is not expected` : undefined;
  }
  let i = 0;
  for (const item of d.type.items) {
    const min = item.minOccurs ?? 1;
    const max = item.maxOccurs ?? 1;
    let count = 0;
    while (count < max && i < kids.length && matches(kids[i] as XmlEl, item)) {
      const c = kids[i] as XmlEl;
      const err = validateEl(c, item, s, `${where}/${c.local}`);
      if (err) return err;
      count++;
      i++;
    }
    if (count < min) {
      const next = kids[i];
      return next ? `${where}/${next.local}: this element is not expected; expected is ( ${item.name} )` : `${where}: missing child element(s); expected is ( ${item.name} )`;
    }
  }
  const extra = kids[i];
  return extra ? `${where}/${extra.local}: this element is not expected` : undefined;
}

/** Validates a whole document (text) against the service schema. */
export function validateServiceXml(xml: string, schema: ServiceSchema): XsdCheck {
  let root: XmlEl;
  try {
    root = parseXmlTree(xml);
  } catch (e) {
    return { ok: false, error: e instanceof XmlTreeError ? e.message : 'unreadable document' };
  }
  if (root.local !== schema.root.name || root.ns !== schema.targetNamespace) {
    return { ok: false, error: `${root.local}: no matching global element declaration in ${schema.file}` };
  }
  const err = validateEl(root, schema.root, schema, root.local);
  return err === undefined ? { ok: true } : { ok: false, error: err };
}
