// Owner: journal/shift helper. Placeholder until implemented; replace the body, keep the export name.
import { CliError, type CliCommand } from '../command';

export const journalCommand: CliCommand = {
  name: 'journal',
  summary: 'Verify or export the hash-chained journal',
  usage: 'sportello journal (not implemented yet)',
  async run() {
    throw new CliError('sportello journal is not implemented yet', 1);
  },
};
