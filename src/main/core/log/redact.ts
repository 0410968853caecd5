// Secrets (channel password, subscription key, PINs, the bridge token) must never reach a log line.
// Card numbers are masked by the card-terminal driver itself (it is the only code that sees them);
// a generic digit mask here would also hide notice numbers, which technicians need.
const SECRET_KEYS = /^(password|subscriptionKey|ocp-apim-subscription-key|pin|pinHash|secret|token|bridgeToken|clientSecret|client_secret|access_token|refresh_token|authorization)$/i;
const XML_PASSWORD = /(<password>)[^<]*(<\/password>)/g;

export function redactSecrets<T>(value: T): T {
  if (typeof value === 'string') return value.replace(XML_PASSWORD, '$1***$2') as T;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEYS.test(k) && typeof v === 'string' ? '***' : redactSecrets(v);
    }
    return out as T;
  }
  return value;
}
