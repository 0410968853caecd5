// Owner: terminal+devices helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const virtualDevicesCommand: CliCommand = {
  name: 'virtual-devices',
  summary: 'Start the virtual device lab (printer, scanner, card terminal)',
  usage: 'sportello virtual-devices (not implemented yet)',
  async run() {
    throw new CliError('sportello virtual-devices is not implemented yet', 1);
  },
};
