// Owner: codec+scanners helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const noticeCommand: CliCommand = {
  name: 'notice',
  summary: 'Parse a notice code (QR, Data Matrix or typed) and print it as JSON',
  usage: 'sportello notice (not implemented yet)',
  async run() {
    throw new CliError('sportello notice is not implemented yet', 1);
  },
};
