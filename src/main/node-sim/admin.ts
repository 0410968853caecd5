// Admin JSON API of the simulator (documented in README.md). Bodies are validated with zod; errors are
// answered as {"error": "..."} with HTTP 400.
import type http from 'node:http';
import { z } from 'zod';
import type { FaultBook } from './fault-injection';
import type { SimState } from './state';
import type { NodeSimulator } from './simulator';
import type { SimFault, SimPosition } from './types';

const digits = (n: number) => z.string().regex(new RegExp(`^[0-9]{${n}}$`));
const transferSchema = z.object({
  fiscalCode: digits(11),
  amountCents: z.number().int().nonnegative(),
  iban: z.string().regex(/^[a-zA-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/),
  remittanceInformation: z.string().min(1).max(140),
  companyName: z.string().min(1).max(140).optional(),
  transferCategory: z.string().min(1).max(140).optional(),
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
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    transfers: z.array(transferSchema).min(1).max(5).optional(),
    ccPost: digits(12).optional(),
    behaviour: z.enum(['normal', 'ec-unreachable', 'ec-timeout']).optional(),
  })
  .refine((p) => !p.transfers || p.transfers.reduce((s, t) => s + t.amountCents, 0) === p.amountCents, { message: 'transfers must add up to amountCents (SANP: totalAmount is the sum of the transfers)' });

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

export function handleAdmin(sim: Sim, state: SimState, faults: FaultBook, method: string, path: string, body: string, res: http.ServerResponse): void {
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
