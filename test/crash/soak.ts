// `npm run soak`: many more kill points than CI. Two campaigns side by side per round, fresh seeds each round.
//   node bench/crash-soak.mjs [iterationsPerCampaign=500] [rounds=1] [firstSeed=100]
import { runCrashCampaign } from './harness';

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 500);
  const rounds = Number(process.argv[3] ?? 1);
  const firstSeed = Number(process.argv[4] ?? 100);
  const started = Date.now();
  let kills = 0;
  let failed = false;
  for (let round = 0; round < rounds; round += 1) {
    const seeds = [firstSeed + 2 * round, firstSeed + 2 * round + 1];
    const reports = await Promise.all(
      seeds.map((seed) => runCrashCampaign({ iterations, seed, onProgress: (i, k) => i % 50 === 0 && process.stderr.write(`seed ${seed}: ${i}/${iterations} runs, ${k} kills\n`) })),
    );
    for (const [i, r] of reports.entries()) {
      kills += r.kills;
      process.stdout.write(`${JSON.stringify({ seed: seeds[i], ...r })}\n`);
      if (r.violations.length > 0 || r.childFailures.length > 0) failed = true;
    }
  }
  process.stdout.write(`soak: ${kills} SIGKILLs in ${((Date.now() - started) / 1000).toFixed(0)} s, ${failed ? 'INVARIANTS VIOLATED' : 'all invariants held'}\n`);
  process.exitCode = failed ? 1 : 0;
}

void main();
