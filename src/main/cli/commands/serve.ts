// Owner: ui helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the UI to a browser on 127.0.0.1 (browser mode)',
  usage: 'sportello serve (not implemented yet)',
  async run() {
    throw new CliError('sportello serve is not implemented yet', 1);
  },
};
