// `npm run promote -- --env staging --images <sha> [--revision <sha>]`: points an environment at the images built from
// one commit (and, for staging and prod, at the revision Argo CD syncs), then re-renders that environment.
import { parseArgs } from 'node:util';
import { repoRoot } from '../../config/paths.js';
import { promote } from '../promote/promote.js';
import { runRender } from '../render/run.js';

try {
  const { values } = parseArgs({
    options: { env: { type: 'string' }, images: { type: 'string' }, revision: { type: 'string' } },
    strict: true,
  });
  if (!values.env || !values.images)
    throw new Error('usage: npm run promote -- --env <name> --images <sha> [--revision <sha>]');
  const file = promote(repoRoot, {
    environment: values.env,
    images: values.images,
    ...(values.revision ? { revision: values.revision } : {}),
  });
  const result = runRender({ repoRoot, check: false, environments: [values.env] });
  for (const line of [`promoted ${file}`, ...result.lines]) console.log(line);
  process.exitCode = result.exitCode;
} catch (error) {
  console.error(`promote: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
