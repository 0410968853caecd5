// Admin JSON API of the simulator (documented in README.md). Bodies are validated with zod; errors are
// answered as {"error": "..."} with HTTP 400.
import type http from 'node:http';
import { z } from 'zod';
import type { FaultBook } from './fault-injection';
import type { SimState } from './state';
import type { RegistryPatch, RegistryRemoval } from './registry';
import type { NodeSimulator } from './simulator';
import type { SimBundle, SimFault, SimPosition } from './types';

const digits = (n: number) => z.string().regex(new RegExp(`^[0-9]{${n}}$`));
const transferSchema = z.object({
  fiscalCode: digits(11),
  amountCents: z.number().int().nonnegative(),
  iban: z.string().regex(/^[a-zA-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/),
  remittanceInformation: z.string().min(1).max(140),
  companyName: z.string().min(1).max(140).optional(),
  transferCategory: z.string().min(1).max(140).optional(),
  /** Issue #12 §7: a digital revenue stamp (ctRichiestaMarcaDaBollo) instead of the IBAN in V2 answers. */
  richiestaMarcaDaBollo: z
    .object({ hashDocumento: z.string().regex(/^[A-Za-z0-9+/=]{4,72}$/, 'stBase64Binary72: 4..72 base64 characters'), tipoBollo: z.literal('01'), provinciaResidenza: z.string().regex(/^[A-Z]{2}$/) })
    .optional(),
});
const paymentOptionSchema = z.object({
  amountCents: z.number().int().positive(),
  options: z.enum(['EQ', 'LS', 'GT', 'ANY']),
  dueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  paymentNote: z.string().min(1).max(210).optional(),
});
/** POST /admin/gec: the GEC bundles activatePaymentNoticeV2 suggests fees from (issue #12 §4). */
export const bundlesSchema = z.object({
  bundles: z.array(
    z.object({
      idPSP: z.string().min(1).max(35),
      idBundle: z.string().min(1).max(70),
      feeCents: z.number().int().nonnegative(),
      touchPoint: z.string().min(1).max(10).optional(),
      paymentMethod: z.string().min(1).max(4).optional(),
      ciBundles: z.array(z.object({ fiscalCode: digits(11), idCiBundle: z.string().min(1).max(70), paFeeCents: z.number().int().nonnegative() })).optional(),
    }),
  ),
});

export const positionSchema = z
  .object({
    fiscalCode: digits(11),
    noticeNumber: digits(18),
    amountCents: z.number().int().positive(),
    printedAmountCents: z.number().int().positive().optional(),
    companyName: z.string().min(1).max(140),
    officeName: z.string().min(1).max(140).optional(),
    description: z.string().min(1).max(210),
    status: z.enum(['open', 'paid', 'expired', 'revoked']).default('open'),
    dueDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    transfers: z.array(transferSchema).min(1).max(5).optional(),
    ccPost: digits(12).optional(),
    behaviour: z.enum(['normal', 'ec-unreachable', 'ec-timeout']).optional(),
    standin: z.boolean().optional(),
    paymentOptions: z.array(paymentOptionSchema).min(1).max(5).optional(),
  })
  .refine((p) => !p.transfers || p.transfers.reduce((s, t) => s + t.amountCents, 0) === p.amountCents, {
    message: 'transfers must add up to amountCents (SANP: totalAmount is the sum of the transfers)',
  });

/** Seed file / POST /admin/positions body: {"positions":[…]} or a bare array. */
export const positionsFileSchema = z.union([z.object({ positions: z.array(positionSchema) }), z.array(positionSchema).transform((positions) => ({ positions }))]);

export const faultSchema = z.object({
  operation: z.string().min(1),
  kind: z.enum(['latency', 'hang', 'reset', 'http500', 'http503', 'malformed', 'fault', 'process-then-reset', 'process-then-hang']),
  latencyMs: z.number().int().nonnegative().optional(),
  faultCode: z.string().min(1).optional(),
  originalFaultCode: z.string().min(1).optional(),
  count: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
});

const id35 = z.string().min(1).max(35);
/** POST /admin/registry: entries added or replaced by id (registry.ts). */
export const registryPatchSchema = z
  .object({
    psps: z.array(z.object({ idPSP: id35, fiscalCode: z.string().regex(/^[a-zA-Z0-9]{2,18}$/), enabled: z.boolean().default(true) })),
    brokers: z.array(z.object({ idBrokerPSP: id35, enabled: z.boolean().default(true) })),
    channels: z.array(z.object({ idChannel: id35, idBrokerPSP: id35, password: z.string().min(8).max(15), enabled: z.boolean().default(true) })),
    creditors: z.array(z.object({ fiscalCode: digits(11), enabled: z.boolean().default(true) })),
    stations: z.array(
      z.object({
        idStation: id35,
        enabled: z.boolean().default(true),
        creditors: z.array(digits(11)).min(1),
        auxDigit: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
        codes: z.array(digits(2)).optional(),
      }),
    ),
  })
  .partial()
  .strict();
const ids = z.array(z.string().min(1)).optional();
/** POST /admin/catalogue/debts: what a creditor knows for demandPaymentNotice (issue #13; spontaneous.ts keys). */
export const debtSchema = z.object({
  service: z.string().min(1).max(35),
  key: z.string().min(1).max(100),
  amountCents: z.number().int().nonnegative(),
  description: z.string().min(1).max(210),
  status: z.enum(['due', 'nothing-due']).default('due'),
});
export const registryRemovalSchema = z.object({ psps: ids, brokers: ids, channels: ids, creditors: ids, stations: ids }).strict();

type Sim = Omit<NodeSimulator, 'url' | 'soapUrl' | 'close'>;

function json(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function parseBody<T>(text: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, error: 'body is not JSON' };
  }
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}` };
}

const LOOPBACK_PEER = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * Issue #10 §7, like the bridge: the admin API (it rewrites positions, faults, the ledger) answers only a
 * loopback peer, whose Host names a loopback listener (DNS rebinding sends the attacker's name), whose Origin
 * (when a browser sends one) is that same host, and whose body, if any, is application/json (a cross-site
 * form cannot send it without a CORS preflight, which this server never grants). Returns a refusal or null.
 */
export function adminRequestRefusal(req: http.IncomingMessage, body: string): { status: number; error: string } | null {
  if (!LOOPBACK_PEER.test(req.socket.remoteAddress ?? '')) return { status: 403, error: 'the admin API answers loopback clients only' };
  const port = req.socket.localPort;
  const host = (req.headers.host ?? '').toLowerCase();
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!allowedHosts.includes(host)) return { status: 403, error: 'Host must name the loopback listener' };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null' && !allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`)) return { status: 403, error: 'cross-origin admin requests are refused' };
  if (origin === 'null') return { status: 403, error: 'cross-origin admin requests are refused' };
  const type = req.headers['content-type'];
  if ((body.length > 0 || type !== undefined) && !/^application\/json\b/i.test(type ?? '')) return { status: 415, error: 'admin requests with a body must be application/json' };
  return null;
}

export function handleAdmin(sim: Sim, state: SimState, faults: FaultBook, method: string, path: string, body: string, res: http.ServerResponse): void {
  const refusal = res.req ? adminRequestRefusal(res.req, body) : null;
  if (refusal) return json(res, refusal.status, { error: refusal.error });
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /admin/health':
      return json(res, 200, { ok: true, now: new Date(state.now()).toISOString() });
    case 'GET /admin/ledger':
      return json(res, 200, sim.ledger());
    case 'GET /admin/positions':
      return json(res, 200, sim.positions());
    case 'POST /admin/positions': {
      const r = parseBody(body, positionsFileSchema);
      if (!r.ok) return json(res, 400, { error: r.error });
      sim.addPositions(r.value.positions as SimPosition[]);
      return json(res, 200, { added: r.value.positions.length });
    }
    case 'GET /admin/faults':
      return json(res, 200, faults.list());
    case 'POST /admin/faults': {
      const r = parseBody(body, z.union([faultSchema, z.array(faultSchema)]));
      if (!r.ok) return json(res, 400, { error: r.error });
      const list = (Array.isArray(r.value) ? r.value : [r.value]) as SimFault[];
      for (const f of list) sim.setFault(f);
      return json(res, 200, { armed: list.length });
    }
    case 'DELETE /admin/faults':
    case 'POST /admin/faults/clear':
      sim.clearFaults();
      return json(res, 200, { cleared: true });
    case 'POST /admin/reset':
      sim.reset();
      return json(res, 200, { reset: true });
    case 'GET /admin/registry':
      return json(res, 200, sim.registry());
    case 'POST /admin/registry': {
      const r = parseBody(body, registryPatchSchema);
      if (!r.ok) return json(res, 400, { error: r.error });
      sim.updateRegistry(r.value as RegistryPatch);
      return json(res, 200, sim.registry());
    }
    case 'POST /admin/registry/remove': {
      const r = parseBody(body, registryRemovalSchema);
      if (!r.ok) return json(res, 400, { error: r.error });
      return json(res, 200, { removed: sim.removeFromRegistry(r.value as RegistryRemoval) });
    }
    case 'GET /admin/catalogue':
      return json(res, 200, sim.catalogue());
    case 'POST /admin/catalogue/debts': {
      const r = parseBody(body, z.array(debtSchema).min(1));
      if (!r.ok) return json(res, 400, { error: r.error });
      sim.addDebts(r.value);
      return json(res, 200, { added: r.value.length });
    }
    case 'POST /admin/catalogue/closed': {
      const r = parseBody(body, z.object({ idSoggettoServizio: z.string().length(5), closed: z.boolean() }));
      if (!r.ok) return json(res, 400, { error: r.error });
      if (!sim.setServiceClosed(r.value.idSoggettoServizio, r.value.closed)) return json(res, 404, { error: `no provider ${r.value.idSoggettoServizio}` });
      return json(res, 200, r.value);
    }
    case 'GET /admin/gec':
      return json(res, 200, { bundles: state.bundles });
    case 'POST /admin/gec': {
      const r = parseBody(body, bundlesSchema);
      if (!r.ok) return json(res, 400, { error: r.error });
      state.bundles = r.value.bundles as SimBundle[];
      return json(res, 200, { bundles: state.bundles });
    }
    case 'GET /admin/standin':
      return json(res, 200, { enabled: state.standinAll });
    case 'POST /admin/standin': {
      const r = parseBody(body, z.object({ enabled: z.boolean() }));
      if (!r.ok) return json(res, 400, { error: r.error });
      state.standinAll = r.value.enabled;
      return json(res, 200, { enabled: state.standinAll });
    }
    case 'POST /admin/jobs/mod3Cancel':
      return json(res, 200, { released: sim.runCancelJob(), now: new Date(state.now()).toISOString() });
    case 'POST /admin/clock': {
      const r = parseBody(body, z.object({ advanceMs: z.number().int().nonnegative() }));
      if (!r.ok) return json(res, 400, { error: r.error });
      sim.advanceClock(r.value.advanceMs);
      return json(res, 200, { now: new Date(state.now()).toISOString() });
    }
    default:
      return json(res, 404, { error: `no admin route ${route}` });
  }
}
