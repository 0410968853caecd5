// Owner: terminal+devices helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'List devices, run a device test',
  usage: 'sportello devices (not implemented yet)',
  async run() {
    throw new CliError('sportello devices is not implemented yet', 1);
  },
};
