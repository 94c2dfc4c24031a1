// `npm run db:migrate`: the service's migration entry point, aimed at DATABASE_URL or PG* when set, else at the
// local stack's database (`npm run stack:up`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { connectionSettings, repoRoot } from './settings.js';
import { loadStackSettings } from './stack.js';

const env = { ...process.env };
if (!env.DATABASE_URL && !env.PGHOST) env.DATABASE_URL = connectionSettings(loadStackSettings()).databaseUrl;
const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'services/db/cli.ts')], {
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
