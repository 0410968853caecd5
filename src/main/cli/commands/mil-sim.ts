// `sportello mil-sim`: the MIL simulator (src/main/mil-sim) as a standalone process (issue #14), in front of
// a nodeForPsp endpoint (--node-url, e.g. a `sportello node-sim`), or of an in-process node simulator with
// the default seed. The first stdout line is `listening on ORIGIN`, the second the JSON of the base URLs
// (mil-payment-notice, mil-auth, admin); it runs until SIGINT/SIGTERM.
import { startMilSimulator } from '../../mil-sim/simulator';
import { startNodeSimulator, type NodeSimulator } from '../../node-sim/simulator';
import { parseCliArgs } from '../args';
import { CliError, type CliCommand } from '../command';

const USAGE = `Usage: sportello mil-sim [--port N] [--host H] [--node-url URL] [--token-lifetime-s N]

mil-auth (POST /mil-auth/token, client_credentials) and mil-payment-notice (/mil-payment-notice/…) on one
port; admin JSON API under /admin/ (faults, transactions, clock, reset: src/main/mil-sim/README.md).
--node-url: the nodeForPsp endpoint MIL calls (default: an in-process node simulator with the demo seed).
Demo client: id d0d654e6-97da-4848-b568-99fedccb642b, secret 265a5ac0-c651-428e-bed6-763f6cd244b5, channel POS.
`;

export const milSimCommand: CliCommand = {
  name: 'mil-sim',
  summary: 'Run the MIL simulator (pagoPA Multi-channel Integration Layer, REST, in front of a node)',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCliArgs(argv, { port: { type: 'string' }, host: { type: 'string' }, 'node-url': { type: 'string' }, 'token-lifetime-s': { type: 'string' } }, false);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be an integer in 0..65535');
    const lifetime = values['token-lifetime-s'] === undefined ? undefined : Number(values['token-lifetime-s']);
    if (lifetime !== undefined && (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 86_400)) throw new CliError('--token-lifetime-s must be an integer in 1..86400');
    let node: NodeSimulator | undefined;
    let sim;
    try {
      if (!values['node-url']) node = await startNodeSimulator({ seed: 'default' });
      sim = await startMilSimulator({
        port,
        host: values.host ?? '127.0.0.1',
        nodeUrl: values['node-url'] ?? (node as NodeSimulator).soapUrl,
        ...(lifetime !== undefined ? { tokenLifetimeSec: lifetime } : {}),
      });
    } catch (e) {
      await node?.close();
      throw new CliError(`cannot start the MIL simulator: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 1);
    }
    io.stdout(`listening on ${sim.origin}\n`);
    io.stdout(`${JSON.stringify({ milUrl: sim.url, milAuthUrl: sim.authUrl, admin: `${sim.origin}/admin/`, nodeSimulatorAdmin: node ? `${node.url}/admin/` : null })}\n`);
    await io.stopSignal;
    await sim.close();
    await node?.close();
    return 0;
  },
};
