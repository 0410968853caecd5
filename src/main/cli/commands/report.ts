// Owner: journal/shift helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Print the X (running) or Z (closing) report',
  usage: 'sportello report (not implemented yet)',
  async run() {
    throw new CliError('sportello report is not implemented yet', 1);
  },
};
