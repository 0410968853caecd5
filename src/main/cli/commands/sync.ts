// Owner: engine helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'Drain the offline/outcome queue against the node and exit',
  usage: 'sportello sync (not implemented yet)',
  async run() {
    throw new CliError('sportello sync is not implemented yet', 1);
  },
};
