// Loopback HTTP control of a running virtual lab, for technicians, demos and e2e tests:
//   GET  /state                          where each device listens + terminal memory
//   GET  /printer/text                   the text of every job printed so far, oldest first
//   POST /printer/paper?state=ok|near-end|out
//   POST /printer/cover?open=true|false
//   POST /printer/paper-out-after?bytes=N  the paper ends N bytes into what is printed next
//   POST /terminal/scenario?name=<scenario>[&slowMs=N][&cardWaitMs=N]
//   POST /terminal/cancel                the cardholder presses ANNULLA
//   POST /terminal/present-card          the cardholder presents a card ('wait-for-card')
//   POST /scanner/scan                   body = the scanned payload (e.g. a pagoPA QR)
import http from 'node:http';
import { SCENARIO_NAMES, isScenarioName } from '../../../drivers/card-terminal/virtual-scenarios';
import type { VirtualLab } from './virtual-lab';

export type LabAdmin = { url: string; close(): Promise<void> };

type Reply = { status: number; body: unknown };

export function labState(lab: VirtualLab): unknown {
  const t = lab.terminal.device;
  return {
    printer: 'host' in lab.printer ? { host: lab.printer.host, port: lab.printer.port } : { unavailable: lab.printer.unavailable },
    terminal: { host: lab.terminal.host, port: lab.terminal.port, scenario: t.scenario, received: t.received, totals: t.totals(), lastResult: t.lastResultSaved() },
    scanner: 'path' in lab.scanner ? { path: lab.scanner.path } : { unavailable: lab.scanner.unavailable },
  };
}

export async function handleLabCommand(lab: VirtualLab, method: string, url: URL, body: string): Promise<Reply> {
  const q = url.searchParams;
  const route = `${method} ${url.pathname}`;
  switch (route) {
    case 'GET /state':
      return { status: 200, body: labState(lab) };
    case 'GET /printer/text': {
      // What reached the paper, for e2e checks of a receipt's content (the UI shows only its image).
      if (!('device' in lab.printer)) return { status: 409, body: { error: lab.printer.unavailable } };
      return { status: 200, body: { jobs: lab.printer.device.printedText?.() ?? [] } };
    }
    case 'POST /printer/paper': {
      if (!('device' in lab.printer)) return { status: 409, body: { error: lab.printer.unavailable } };
      const s = q.get('state');
      if (s !== 'ok' && s !== 'near-end' && s !== 'out') return { status: 400, body: { error: 'state must be ok, near-end or out' } };
      lab.printer.device.setPaper(s);
      return { status: 200, body: { paper: s } };
    }
    case 'POST /printer/paper-out-after': {
      if (!('device' in lab.printer)) return { status: 409, body: { error: lab.printer.unavailable } };
      const bytes = q.get('bytes') ?? '';
      if (!/^\d{1,9}$/.test(bytes)) return { status: 400, body: { error: 'bytes must be a whole number of bytes (0 or more)' } };
      lab.printer.device.runOutOfPaperAfter(Number(bytes));
      return { status: 200, body: { paperOutAfterBytes: Number(bytes) } };
    }
    case 'POST /printer/cover': {
      if (!('device' in lab.printer)) return { status: 409, body: { error: lab.printer.unavailable } };
      const open = q.get('open');
      if (open !== 'true' && open !== 'false') return { status: 400, body: { error: 'open must be true or false' } };
      lab.printer.device.setCoverOpen(open === 'true');
      return { status: 200, body: { coverOpen: open === 'true' } };
    }
    case 'POST /terminal/scenario': {
      const name = q.get('name') ?? '';
      if (!isScenarioName(name)) return { status: 400, body: { error: `scenario must be one of ${SCENARIO_NAMES.join(', ')}` } };
      const slow = q.get('slowMs');
      const wait = q.get('cardWaitMs');
      const scenario = lab.terminal.device.setScenario(name, {
        ...(slow && /^\d+$/.test(slow) ? { slowMs: Number(slow) } : {}),
        ...(wait && /^\d+$/.test(wait) ? { cardWaitMs: Number(wait) } : {}),
      });
      return { status: 200, body: { scenario: name, ...scenario } };
    }
    case 'POST /terminal/cancel':
      return { status: 200, body: { cancelled: lab.terminal.device.cancelByCardholder() } };
    case 'POST /terminal/present-card':
      return { status: 200, body: { presented: lab.terminal.device.presentCard() } };
    case 'POST /scanner/scan': {
      if (!('device' in lab.scanner)) return { status: 409, body: { error: lab.scanner.unavailable } };
      const payload = body.replace(/[\r\n]+$/, '');
      if (!payload) return { status: 400, body: { error: 'the request body is the payload to scan' } };
      await lab.scanner.device.scan(payload);
      return { status: 200, body: { scanned: payload } };
    }
    default:
      return { status: 404, body: { error: `unknown route ${route}` } };
  }
}

export async function startLabAdmin(lab: VirtualLab, port = 0): Promise<LabAdmin> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // Fire-and-forget in an 'end' listener: the .catch below turns any failure into a 500 reply.
      void handleLabCommand(lab, req.method ?? 'GET', url, Buffer.concat(chunks).toString('utf8'))
        .catch((e: unknown) => ({ status: 500, body: { error: (e as Error).message } }))
        .then((r) => {
          res.writeHead(r.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(r.body));
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
