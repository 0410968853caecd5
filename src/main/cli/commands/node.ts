// Owner: node helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const nodeCommand: CliCommand = {
  name: 'node',
  summary: 'Talk to the pagoPA node (node verify: the technician check)',
  usage: 'sportello node (not implemented yet)',
  async run() {
    throw new CliError('sportello node is not implemented yet', 1);
  },
};
