// Owner: engine helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const exceptionsCommand: CliCommand = {
  name: 'exceptions',
  summary: 'List and resolve payment exceptions',
  usage: 'sportello exceptions (not implemented yet)',
  async run() {
    throw new CliError('sportello exceptions is not implemented yet', 1);
  },
};
