// Owner: engine helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const payCommand: CliCommand = {
  name: 'pay',
  summary: 'Take a counter payment through the payment engine',
  usage: 'sportello pay (not implemented yet)',
  async run() {
    throw new CliError('sportello pay is not implemented yet', 1);
  },
};
