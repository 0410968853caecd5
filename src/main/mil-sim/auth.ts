// mil-auth as the simulator plays it (vendor/pagopa-mil/mil-auth.openapi.yaml, pagopa-extra.md §a.1):
// POST /token with the client_credentials grant. Tokens are JWT-shaped (header.claims.signature,
// base64url) signed with HMAC-SHA256 by a per-run key: the simulator is both issuer and verifier, so the
// RS256/JWKS part of the real service is not needed to check them.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export type SimClient = { clientId: string; clientSecret: string; channel: string; groups: string[] };
export type TokenClaims = {
  sub: string;
  aud: string;
  clientId: string;
  acquirerId: string;
  channel: string;
  merchantId?: string;
  terminalId: string;
  groups: string[];
  iat: number;
  exp: number;
  jti: string;
};

/** The demo client the app's default configuration uses (config upstream.mil.clientId/clientSecret). */
export const DEMO_MIL_CLIENT: SimClient = { clientId: 'd0d654e6-97da-4848-b568-99fedccb642b', clientSecret: '265a5ac0-c651-428e-bed6-763f6cd244b5', channel: 'POS', groups: ['NoticePayer'] };

const UUID_RE = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;
const SECRET_RE = /^[0-9a-zA-Z-]{36}$/;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export type TokenAnswer = { status: number; body: unknown };

export class SimAuth {
  private readonly key = randomBytes(32);
  readonly clients = new Map<string, SimClient>();

  constructor(
    clients: SimClient[],
    private readonly lifetimeSec: () => number,
    private readonly now: () => number,
  ) {
    for (const c of clients) this.clients.set(c.clientId, c);
  }

  /** POST /token. `headers` are the CommonHeader values (optional on /token); `form` the urlencoded body. */
  issue(form: URLSearchParams, headers: { acquirerId?: string; channel?: string; merchantId?: string; terminalId?: string }): TokenAnswer {
    const errors: string[] = [];
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials') errors.push(grant === 'password' || grant === 'refresh_token' ? '009000001' : '009000002');
    const clientId = form.get('client_id') ?? '';
    const secret = form.get('client_secret') ?? '';
    if (!UUID_RE.test(clientId)) errors.push('009000003');
    if (!SECRET_RE.test(secret)) errors.push('009000004');
    if (errors.length > 0) return { status: 400, body: { errors, descriptions: errors.map((e) => `[${e}] invalid request`) } };
    const client = this.clients.get(clientId);
    // pagopa-extra.md §a.1: client must exist (00900000A), its channel must equal Channel (009000022), secret must match (009000021).
    if (!client) return unauthorized('00900000A', 'client not found');
    if (headers.channel !== undefined && headers.channel !== client.channel) return unauthorized('009000022', 'wrong channel');
    const a = Buffer.from(secret);
    const b = Buffer.from(client.clientSecret);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return unauthorized('009000021', 'wrong secret');
    if (!headers.acquirerId || !headers.terminalId) return { status: 400, body: { errors: ['009000005'], descriptions: ['[009000005] AcquirerId and TerminalId are required by this simulator'] } };
    const iat = Math.floor(this.now() / 1000);
    const lifetime = this.lifetimeSec();
    const claims: TokenClaims = {
      sub: [headers.acquirerId, client.channel === 'POS' ? headers.merchantId : undefined, headers.terminalId].filter(Boolean).join('/'),
      aud: 'mil.pagopa.it',
      clientId,
      acquirerId: headers.acquirerId,
      channel: client.channel,
      ...(headers.merchantId ? { merchantId: headers.merchantId } : {}),
      terminalId: headers.terminalId,
      groups: client.groups,
      iat,
      exp: iat + lifetime,
      jti: randomUUID(),
    };
    return { status: 200, body: { access_token: this.sign(claims), token_type: 'Bearer', expires_in: lifetime } };
  }

  /** The claims of a valid, unexpired token; null otherwise (→ 401). */
  verify(authorization: string | undefined): TokenClaims | null {
    const m = /^Bearer ([a-zA-Z0-9_-]+)\.([a-zA-Z0-9_-]+)\.([a-zA-Z0-9_-]+)$/.exec(authorization ?? '');
    if (!m) return null;
    const expected = createHmac('sha256', this.key).update(`${m[1]}.${m[2]}`).digest();
    const got = Buffer.from(m[3] ?? '', 'base64url');
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null;
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(m[2] ?? '', 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return null;
    }
    return claims.exp * 1000 > this.now() ? claims : null;
  }

  private sign(claims: TokenClaims): string {
    const head = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(claims))}`;
    return `${head}.${createHmac('sha256', this.key).update(head).digest('base64url')}`;
  }
}

function unauthorized(code: string, text: string): TokenAnswer {
  return { status: 401, body: { errors: [code], descriptions: [`[${code}] ${text}`] } };
}
