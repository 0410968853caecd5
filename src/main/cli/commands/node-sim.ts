// `sportello node-sim`: the nodeForPsp simulator as a standalone process (issue #3 §2). The first stdout
// line is `listening on http://HOST:PORT`; it runs until SIGINT/SIGTERM.
import fs from 'node:fs';
import { positionsFileSchema } from '../../node-sim/admin';
import { BENCH_EC_FISCAL_CODE, startNodeSimulator } from '../../node-sim/simulator';
import type { SimPosition } from '../../node-sim/types';
import { parseCliArgs } from '../args';
import { CliError, type CliCommand } from '../command';

const USAGE = `Usage: sportello node-sim [--port N] [--host H] [--seed FILE|default|none] [--subscription-key KEY]
                         [--latency-ms N] [--auto-create EC[,EC…]|none]
                         [--psp ID] [--broker ID] [--channel ID] [--password PWD]

SOAP (nodeForPsp, SOAP 1.1) at /nodo-auth/node-for-psp/v1 and at /; admin JSON API under /admin/
(see src/main/node-sim/README.md). --port 0 (default) picks a free port; binds 127.0.0.1 by default.
--seed FILE: JSON {"positions":[{"fiscalCode","noticeNumber","amountCents","companyName","description",
"status":"open"|"paid"|"expired"|"revoked","dueDate"?,"transfers"?:[…]}]}; default: the built-in demo seed.
--auto-create: EC fiscal codes whose unknown notices are created open on first use (default ${BENCH_EC_FISCAL_CODE}).
Identity accepted (defaults 88888888888 / 88888888888 / 88888888888_01 / pwdpwdpwd): --psp --broker --channel --password.
`;

function loadSeed(arg: string | undefined): SimPosition[] | 'default' {
  if (arg === undefined || arg === 'default') return 'default';
  if (arg === 'none') return [];
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(arg, 'utf8'));
  } catch (e) {
    throw new CliError(`cannot read seed file ${arg}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]}`);
  }
  const r = positionsFileSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CliError(`seed file ${arg}: invalid field "${issue?.path.join('.') || '(root)'}": ${issue?.message ?? 'invalid'}`);
  }
  return r.data.positions as SimPosition[];
}

function int(v: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${flag} must be an integer in ${min}..${max}`);
  return n;
}

export const nodeSimCommand: CliCommand = {
  name: 'node-sim',
  summary: 'Run the nodeForPsp simulator (SOAP over HTTP, admin API under /admin/)',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCliArgs(
      argv,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'subscription-key': { type: 'string' },
        'latency-ms': { type: 'string' },
        'auto-create': { type: 'string' },
        psp: { type: 'string' },
        broker: { type: 'string' },
        channel: { type: 'string' },
        password: { type: 'string' },
      },
      false,
    );
    const autoCreate = values['auto-create'] === undefined ? undefined : values['auto-create'] === 'none' ? [] : values['auto-create'].split(',').map((s) => s.trim());
    if (autoCreate?.some((c) => !/^\d{11}$/.test(c))) throw new CliError('--auto-create takes 11-digit EC fiscal codes, comma-separated');
    const identity = {
      ...(values.psp ? { idPSP: values.psp } : {}),
      ...(values.broker ? { idBrokerPSP: values.broker } : {}),
      ...(values.channel ? { idChannel: values.channel } : {}),
      ...(values.password ? { password: values.password } : {}),
    };
    const latencyMs = int(values['latency-ms'], 'latency-ms', 0, 600_000);
    let sim;
    try {
      sim = await startNodeSimulator({
        port: int(values.port, 'port', 0, 65535) ?? 0,
        host: values.host ?? '127.0.0.1',
        seed: loadSeed(values.seed),
        identity,
        ...(values['subscription-key'] ? { subscriptionKey: values['subscription-key'] } : {}),
        ...(latencyMs !== undefined ? { latencyMs } : {}),
        ...(autoCreate ? { autoCreate } : {}),
      });
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`cannot start the simulator: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 1);
    }
    io.stdout(`listening on ${sim.url}\n`);
    await io.stopSignal;
    await sim.close();
    return 0;
  },
};
