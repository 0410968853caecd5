// Prints the payment state machine as Mermaid, or with --write refreshes the block in
// src/main/core/payments/README.md (test/node/payments-state-machine.test.ts fails when it is stale).
//   node scripts/run-ts.mjs scripts/state-diagram.ts [--write]
import fs from 'node:fs';
import path from 'node:path';
import { renderMermaid } from '../src/main/core/payments/state-machine';

// Run from the repository root (npm scripts and run-ts do).
const readme = path.resolve(process.cwd(), 'src/main/core/payments/README.md');
const block = `<!-- state-diagram:begin -->\n\`\`\`mermaid\n${renderMermaid()}\n\`\`\`\n<!-- state-diagram:end -->`;
if (process.argv.includes('--write')) {
  const text = fs.readFileSync(readme, 'utf8');
  const re = /<!-- state-diagram:begin -->[\s\S]*?<!-- state-diagram:end -->/;
  fs.writeFileSync(readme, re.test(text) ? text.replace(re, block) : `${text}\n${block}\n`);
} else process.stdout.write(`${block}\n`);
