// Bundled to dist/cli.cjs; bin/sportello requires it.
import { main } from './main';

void main();
