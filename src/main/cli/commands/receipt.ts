// Owner: printer helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const receiptCommand: CliCommand = {
  name: 'receipt',
  summary: 'Render ESC/POS bytes to a PNG of the paper roll',
  usage: 'sportello receipt (not implemented yet)',
  async run() {
    throw new CliError('sportello receipt is not implemented yet', 1);
  },
};
