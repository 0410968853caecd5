// Owner: node helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const nodeSimCommand: CliCommand = {
  name: 'node-sim',
  summary: 'Run the nodeForPsp simulator (SOAP over HTTP, admin API under /admin/)',
  usage: 'sportello node-sim (not implemented yet)',
  async run() {
    throw new CliError('sportello node-sim is not implemented yet', 1);
  },
};
