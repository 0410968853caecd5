// Owner: engine helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const queueCommand: CliCommand = {
  name: 'queue',
  summary: 'List pending payments and exceptions as JSON',
  usage: 'sportello queue (not implemented yet)',
  async run() {
    throw new CliError('sportello queue is not implemented yet', 1);
  },
};
