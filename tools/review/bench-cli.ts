// `npm run bench:review [-- --runs 5] [--source <rev>]`: times the review loop, `npm run check && npm run diff`, on a
// pull request that changes one KEDA trigger field in staging (rendered, not committed), in a scratch copy of this
// repository (or of an older revision of it, to compare). Prints each run's wall and CPU time, the medians, the load
// of the machine, and any process a run left behind.
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { repoRoot } from '../../config/paths.js';
import { editFile, rerender, scratchRepo } from '../../diff/scratch-repo.js';
import { runInSession } from './session.js';

const LOOP = 'npm run -s check && npm run -s diff';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function main(): number {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, source: { type: 'string' } },
    strict: true,
  });
  const runs = Number(values.runs);
  const root = scratchRepo(repoRoot, values.source);
  try {
    editFile(root, 'environments/staging/env.yaml', /^( +lagThreshold: )\d+$/m, '$1777');
    rerender(root);
    console.log(`review loop: ${LOOP}, on ${values.source ?? 'the working tree'} with one trigger change in staging`);
    console.log(`machine: ${os.cpus().length} cores, Node ${process.version}`);
    const warmUp = runInSession(LOOP, root);
    if (warmUp.status !== 0) throw new Error(`the loop failed (exit ${warmUp.status}); run it by hand in ${root}`);
    const measured = [];
    let leftovers = 0;
    for (let run = 1; run <= runs; run += 1) {
      const load = os.loadavg()[0]!;
      const result = runInSession(LOOP, root);
      measured.push(result);
      leftovers += result.leftovers.length;
      console.log(
        `run ${run}: ${result.wallSeconds.toFixed(2)} s wall, ${result.cpuSeconds.toFixed(2)} s CPU (load ${load.toFixed(1)})${
          result.leftovers.length > 0 ? `; left running: ${result.leftovers.join(', ')}` : ''
        }`,
      );
    }
    const wall = median(measured.map((r) => r.wallSeconds));
    const cpu = median(measured.map((r) => r.cpuSeconds));
    console.log(
      `median of ${runs}: ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU; processes left behind: ${leftovers}`,
    );
    return leftovers > 0 ? 1 : 0;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

process.exitCode = main();
