// Validates MIL exchanges against the vendored OpenAPI documents (vendor/pagopa-mil/) with Ajv: the request
// (header and path parameters, body) and the answer (status listed for the operation, body schema, no body
// where the spec documents none). Schemas are addressed by JSON pointer into the documents, so every
// $ref resolves exactly as written upstream.
//
// One deliberate reading: `format: date-time` with `maxLength: 19` (MIL's paymentTimestamp, insertTimestamp…)
// cannot hold an RFC 3339 offset, and the spec's own examples ("2022-11-12T08:53:55") have none, so
// date-time is checked as ISO 8601 with an optional offset (ajv-formats' iso-date-time).
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import { parse } from 'yaml';
import type { MilExchange } from '../../src/main/mil-sim/simulator';

type Json = Record<string, unknown>;
const root = path.resolve(import.meta.dirname, '..', '..');
const load = (f: string) => parse(fs.readFileSync(path.join(root, 'vendor', 'pagopa-mil', f), 'utf8')) as Json;

export const PAYMENT_NOTICE_DOC = load('mil-payment-notice.openapi.yaml');
export const AUTH_DOC = load('mil-auth.openapi.yaml');
const DOCS = { pn: PAYMENT_NOTICE_DOC, auth: AUTH_DOC } as const;
type DocId = keyof typeof DOCS;

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addFormat('date-time', fullFormats['iso-date-time'] as never);
ajv.addSchema(PAYMENT_NOTICE_DOC, 'pn');
ajv.addSchema(AUTH_DOC, 'auth');

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const compiled = new Map<string, ValidateFunction>();
function validatorAt(doc: DocId, pointer: string): ValidateFunction {
  const key = `${doc}#${pointer}`;
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile({ $ref: key });
    compiled.set(key, v);
  }
  return v;
}

function at(doc: DocId, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Json)[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), DOCS[doc]);
}

/** Follows a local $ref: the pointer of the object it names. */
function deref(doc: DocId, pointer: string): string {
  const node = at(doc, pointer) as Json | undefined;
  const ref = node?.$ref;
  return typeof ref === 'string' && ref.startsWith('#') ? deref(doc, ref.slice(1)) : pointer;
}

function schemaErrors(doc: DocId, pointer: string, value: unknown, what: string): string[] {
  const v = validatorAt(doc, pointer);
  if (v(value)) return [];
  return (v.errors ?? []).map((e) => `${what}${e.instancePath} ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** The operation of `method url` in the document: its pointer and the path parameters. */
function findOperation(x: Pick<MilExchange, 'method' | 'path'>): { doc: DocId; op: string; pathItem: string; params: Record<string, string> } | null {
  const url = new URL(x.path, 'http://x');
  const [doc, rest]: [DocId, string] | [null, null] = url.pathname.startsWith('/mil-payment-notice/')
    ? ['pn', url.pathname.slice('/mil-payment-notice'.length)]
    : url.pathname.startsWith('/mil-auth/')
      ? ['auth', url.pathname.slice('/mil-auth'.length)]
      : [null, null];
  if (!doc) return null;
  const paths = (DOCS[doc].paths ?? {}) as Json;
  for (const template of Object.keys(paths)) {
    const names: string[] = [];
    const re = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_m, n: string) => (names.push(n), '([^/]+)'))}$`);
    const m = re.exec(rest);
    if (!m) continue;
    const method = x.method.toLowerCase();
    if (!(paths[template] as Json)[method]) continue;
    const params: Record<string, string> = {};
    names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
    const pathItem = `/paths/${esc(template)}`;
    return { doc, op: `${pathItem}/${method}`, pathItem, params };
  }
  return null;
}

export function requestErrors(x: Pick<MilExchange, 'method' | 'path' | 'requestHeaders' | 'requestBody'>): string[] {
  const found = findOperation(x);
  if (!found) return [`${x.method} ${x.path}: no such operation in the OpenAPI documents`];
  const { doc, op, pathItem, params } = found;
  const errs: string[] = [];
  const paramPointers = [pathItem, op].flatMap((p) => ((at(doc, `${p}/parameters`) as unknown[] | undefined) ?? []).map((_v, i) => deref(doc, `${p}/parameters/${i}`)));
  for (const pp of paramPointers) {
    const param = at(doc, pp) as Json;
    const name = param.name as string;
    let value: unknown;
    if (param.in === 'header') value = x.requestHeaders[name.toLowerCase()];
    else if (param.in === 'path') value = params[name];
    else continue; // cookie/query: none used by the terminal
    if (value === undefined) {
      if (param.required === true) errs.push(`${param.in} parameter ${name} missing`);
      continue;
    }
    errs.push(...schemaErrors(doc, `${pp}/schema`, value, `${param.in} ${name}`));
  }
  const bodyPointer = at(doc, `${op}/requestBody`) ? deref(doc, `${op}/requestBody`) : null;
  if (bodyPointer) {
    const contentType =
      String(x.requestHeaders['content-type'] ?? '')
        .split(';')[0]
        ?.trim() ?? '';
    const content = (at(doc, `${bodyPointer}/content`) ?? {}) as Json;
    if (!content[contentType]) errs.push(`request content type "${contentType}" not in ${Object.keys(content).join(', ')}`);
    else {
      const body = contentType === 'application/x-www-form-urlencoded' ? Object.fromEntries(new URLSearchParams(x.requestBody)) : safeJson(x.requestBody);
      errs.push(...schemaErrors(doc, `${bodyPointer}/content/${esc(contentType)}/schema`, body, 'request body'));
    }
  }
  return errs;
}

export function responseErrors(x: Pick<MilExchange, 'method' | 'path' | 'status' | 'responseHeaders' | 'responseBody'>): string[] {
  const found = findOperation(x);
  if (!found) return [`${x.method} ${x.path}: no such operation in the OpenAPI documents`];
  const { doc, op } = found;
  const responses = (at(doc, `${op}/responses`) ?? {}) as Json;
  const key = responses[String(x.status)] ? String(x.status) : responses.default ? 'default' : null;
  if (!key) return [`status ${x.status} not documented for ${x.method} ${x.path}`];
  const rp = deref(doc, `${op}/responses/${key}`);
  const content = at(doc, `${rp}/content`) as Json | undefined;
  if (!content) return x.responseBody === '' ? [] : [`status ${x.status}: the spec documents no body, got ${x.responseBody.slice(0, 80)}`];
  const contentType =
    String(x.responseHeaders['Content-Type'] ?? x.responseHeaders['content-type'] ?? '')
      .split(';')[0]
      ?.trim() ?? '';
  if (!content[contentType]) return [`status ${x.status}: content type "${contentType}" not in ${Object.keys(content).join(', ')}`];
  return schemaErrors(doc, `${rp}/content/${esc(contentType)}/schema`, safeJson(x.responseBody), `response ${x.status} body`);
}

/** Both directions. */
export function exchangeErrors(x: MilExchange): string[] {
  return [...requestErrors(x), ...responseErrors(x)];
}

/** The schema at `pointer` (e.g. '/components/schemas/PreClose') of a document, for direct checks. */
export function schemaErrorsAt(doc: DocId, pointer: string, value: unknown): string[] {
  return schemaErrors(doc, pointer, value, pointer);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
