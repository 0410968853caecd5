// Core start time (createApp until ready) and RSS after start (issue #6 §7). Real SQLite file with the
// production pragmas in a temp dir; first run includes migrations and first-run operators (scrypt).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/main/app/create-app';
import { parseConfig } from '../src/main/core/config/load';

async function once(dataDir: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const app = await createApp({ config: parseConfig({}), dataDir, demoAccounts: true });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await app.close();
  return ms;
}

async function main(): Promise<void> {
  const rss0 = process.memoryUsage().rss;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-bench-start-'));
  try {
    const cold = await once(dataDir);
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) warm.push(await once(dataDir));
    warm.sort((a, b) => a - b);
    const app = await createApp({ config: parseConfig({}), dataDir, demoAccounts: true });
    const rss = process.memoryUsage().rss;
    await app.close();
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    process.stdout.write(`core-start: cold (new db, migrations, first-run operators) ${cold.toFixed(1)} ms\n`);
    process.stdout.write(`core-start: warm median ${warm[5]!.toFixed(1)} ms, max ${warm[9]!.toFixed(1)} ms (n=10)\n`);
    process.stdout.write(`core-start: RSS before ${mb(rss0)} MiB, after start ${mb(rss)} MiB\n`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
