// XML helpers shared by the client and the simulator: escaping, the stAmount <-> cents conversion
// and the SOAP 1.1 envelope (nodeForPsp.wsdl: SOAP 1.1, document/literal).
export const NS_SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
/** Body elements live in this namespace; their children are unqualified (no elementFormDefault, pagopa-psp.md §3.1). */
export const NS_NODE_FOR_PSP = 'http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd';

// XML 1.0 §2.2 Char: anything else cannot be carried in a document at all, escaped or not.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasInvalidXmlChars(s: string): boolean {
  return INVALID_XML_CHARS.test(s);
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

/** Escapes text content; \r is written as a reference so XML end-of-line handling does not drop it. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"'\r]/g, (c) => ESC[c] ?? c);
}

/** Cents → stAmount `\d+\.\d{2}` (sac-common-types-1.0.xsd). */
export function centsToAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`amount must be a non-negative integer of cents, got ${cents}`);
  const s = String(cents).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

const AMOUNT_RE = /^\d+\.\d{2}$/;
/** stAmount → cents, or undefined when the text is not `\d+\.\d{2}` ≤ 999999999.99. */
export function amountToCents(text: string): number | undefined {
  const t = text.trim();
  if (!AMOUNT_RE.test(t)) return undefined;
  const cents = Number(t.replace('.', ''));
  return Number.isSafeInteger(cents) && cents <= 99_999_999_999 ? cents : undefined;
}

/** Wraps a body element (which declares its own xmlns:nod) in a SOAP 1.1 envelope. */
export function soapEnvelope(bodyElement: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${NS_SOAP11}"><soapenv:Header/><soapenv:Body>${bodyElement}</soapenv:Body></soapenv:Envelope>`;
}

/** `<name>escaped</name>`, or '' when value is undefined. */
export function el(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`;
}
