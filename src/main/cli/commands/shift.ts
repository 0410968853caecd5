// Owner: journal/shift helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const shiftCommand: CliCommand = {
  name: 'shift',
  summary: 'Open or close a shift, manage operators',
  usage: 'sportello shift (not implemented yet)',
  async run() {
    throw new CliError('sportello shift is not implemented yet', 1);
  },
};
