// Browser-bridge defences (issue #6 §2): per-launch random token compared in constant time, and
// Host/Origin allow-lists so a DNS-rebinding page cannot talk to 127.0.0.1 with its own name.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';

export function newBridgeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes the lengths equal so length does not leak either. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** Host header must name the loopback listener exactly (DNS rebinding sends the attacker's name). */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Origin, when the browser sends one, must be our own origin. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function bearerToken(authorization: string | undefined): string | null {
  const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization ?? '');
  return m?.[1] ?? null;
}

/**
 * Strict CSP for the served renderer (pos-practice.md §6 item 7): same-origin only, no inline script,
 * no eval, WebSocket to ourselves only, images from data: (receipt previews) and blob: (camera frames).
 */
export function contentSecurityPolicy(port?: number): string {
  // The bridge page talks to its own WebSocket; the Electron app:// page talks to nothing but itself.
  const connect = port === undefined ? "connect-src 'self'" : `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    connect,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  'cache-control': 'no-store',
};
