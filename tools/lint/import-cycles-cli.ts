// `npm run lint` runs this after ESLint: no import cycle anywhere in the repository's TypeScript.
import { repoRoot } from '../../config/paths.js';
import { findCycles, importGraph } from './import-graph.js';

const cycles = findCycles(importGraph(repoRoot));
for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' → ')}`);
if (cycles.length > 0) {
  console.error(`${cycles.length} import cycle(s); break each by moving what both sides need into a module of its own`);
  process.exitCode = 1;
}
