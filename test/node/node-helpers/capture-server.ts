// A loopback HTTP server that records what the client sends and answers a canned body.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Captured = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; remotePort: number };

export async function startCaptureServer(answer: (c: Captured) => { status: number; body: string }): Promise<{ url: string; requests: Captured[]; close: () => Promise<void> }> {
  const requests: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const c: Captured = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), remotePort: req.socket.remotePort ?? 0 };
      requests.push(c);
      const a = answer(c);
      res.writeHead(a.status, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
