// `npm run diff [-- --base <rev>] [--head <rev>] [--env <name>] [--format text|markdown|json]`
// Renders both revisions from their own source and reports what changes, per environment.
import { parseArgs } from 'node:util';
import { repoRoot } from '../config/paths.js';
import { formatMarkdown } from './format-markdown.js';
import { formatText } from './format-text.js';
import { runDiff } from './run.js';

// An interrupted diff exits instead of dying on the signal, so the exit handlers stop the tools it started and remove
// its temporary folders: nothing it started outlives it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      env: { type: 'string', multiple: true, default: [] },
      format: { type: 'string', default: 'text' },
      'max-chars': { type: 'string' },
    },
    strict: true,
  });
  if (!['text', 'markdown', 'json'].includes(values.format)) {
    console.error(`--format must be text, markdown or json, got '${values.format}'`);
    return 2;
  }
  const report = await runDiff({ repoRoot, base: values.base, head: values.head, environments: values.env });
  if (values.format === 'json') console.log(JSON.stringify(report, null, 2));
  else if (values.format === 'markdown')
    console.log(formatMarkdown(report, values['max-chars'] ? Number(values['max-chars']) : undefined));
  else console.log(formatText(report));
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`diff: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
