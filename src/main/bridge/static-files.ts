// Serves the built renderer (dist/renderer) with the security headers; SPA fallback to index.html.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

/** Content types of the built renderer's files (also used by the Electron app:// handler). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** Resolves a URL path inside `root`; null when it would escape it (../, encoded or not). */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const rel = path.relative(root, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return full;
}

export function serveStatic(root: string | null, urlPath: string, res: ServerResponse, headers: Record<string, string>): void {
  if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
    res.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('The UI is not built. Run `npm run build` (vite build → dist/renderer) and reload.\n');
    return;
  }
  let file = resolveStatic(root, urlPath === '/' ? '/index.html' : urlPath);
  if (!file) {
    res.writeHead(400, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('bad path\n');
    return;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    // Client-side routes (no extension) get the app; missing assets get a 404.
    if (path.extname(file) !== '') {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    file = path.join(root, 'index.html');
  }
  res.writeHead(200, { ...headers, 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}
