// app:// instead of file:// (checklist item 18): serves dist/renderer with the CSP header, nothing
// outside it, and no remote content.
import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { contentSecurityPolicy } from '../bridge/security';
import { CONTENT_TYPES, resolveStatic } from '../bridge/static-files';

export const APP_SCHEME = 'app';

export const RENDERER_CSP = contentSecurityPolicy();

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
  return new Response(body, { status: 200, headers: { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': RENDERER_CSP } });
}

export function handleAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (req) => appProtocolResponse(rendererDir, req.url));
}
