// app:// instead of file:// (checklist item 18): serves dist/renderer with the CSP header, nothing
// outside it, and no remote content.
import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { resolveStatic } from '../bridge/static-files';

export const APP_SCHEME = 'app';

export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.wasm': 'application/wasm' };

/** Must run before app 'ready' (Electron requirement for privileged schemes). */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export async function appProtocolResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== 'sportello') return new Response('not found', { status: 404 });
  let file = resolveStatic(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
  if (!file) return new Response('bad path', { status: 400 });
  if (!fs.existsSync(file) && path.extname(file) === '') file = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(file)) return new Response('not found', { status: 404 });
  const body = await fs.promises.readFile(file);
  return new Response(body, { status: 200, headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': RENDERER_CSP } });
}

export function handleAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (req) => appProtocolResponse(rendererDir, req.url));
}
