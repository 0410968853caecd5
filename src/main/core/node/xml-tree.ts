// A namespace-resolved element tree over fast-xml-parser's preserveOrder output: element order and namespaces
// (qualified vs unqualified children) matter to validate like an XSD processor. Shared by the simulator
// (requests) and the core (service-specific documents of spontaneous payments, issue #13).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlEl = {
  readonly local: string;
  /** Namespace URI, or null for no namespace (unqualified). */
  readonly ns: string | null;
  /** Attributes other than namespace declarations, by qualified name. */
  readonly attrs: Record<string, string>;
  readonly children: XmlEl[];
  /** Concatenated character data directly inside this element (not trimmed). */
  readonly text: string;
};

export class XmlTreeError extends Error {
  override readonly name = 'XmlTreeError';
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true, // numeric character references
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Raw = Record<string, unknown>;

export function parseXmlTree(xml: string): XmlEl {
  // SOAP 1.1 §3: "A SOAP message MUST NOT contain a Document Type Declaration" (also: no entity bombs).
  if (/<!DOCTYPE/i.test(xml)) throw new XmlTreeError('DOCTYPE not allowed in a SOAP message');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlTreeError(`not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
  const top = (parser.parse(xml) as Raw[]).filter((n) => !('#text' in n));
  if (top.length !== 1) throw new XmlTreeError('document must have exactly one root element');
  return build(top[0] as Raw, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}

function build(node: Raw, scope: Map<string, string>): XmlEl {
  const tag = Object.keys(node).find((k) => k !== ':@') as string;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  let inner = scope;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (inner === scope) inner = new Map(scope);
      inner.set(k === 'xmlns' ? '' : k.slice(6), v);
    } else attrs[k] = v;
  }
  const colon = tag.indexOf(':');
  const prefix = colon >= 0 ? tag.slice(0, colon) : '';
  const local = colon >= 0 ? tag.slice(colon + 1) : tag;
  const ns = inner.get(prefix);
  if (prefix && ns === undefined) throw new XmlTreeError(`undeclared namespace prefix "${prefix}"`);
  const children: XmlEl[] = [];
  let text = '';
  for (const c of (node[tag] ?? []) as Raw[]) {
    if ('#text' in c) text += String(c['#text']);
    else children.push(build(c, inner));
  }
  return { local, ns: ns === undefined || ns === '' ? null : ns, attrs, children, text };
}
