// `npm run diff [-- --base <rev>] [--head <rev>] [--env <name>] [--format text|markdown|json]`
// Renders both revisions from their own source and reports what changes, per environment.
import { parseArgs } from 'node:util';
import { readIgnoredFields } from '../diff/ignore.js';
import { compareRendered } from '../diff/compare.js';
import { formatMarkdown } from '../diff/format-markdown.js';
import { formatText } from '../diff/format-text.js';
import type { DiffReport } from '../diff/report.js';
import { WORKTREE, defaultBase, disposeSide, renderSide } from '../diff/revisions.js';
import { repoRoot } from '../paths.js';

function main(): number {
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
  const base = values.base ?? defaultBase(repoRoot);
  const head = values.head ?? WORKTREE;
  const baseSide = renderSide(repoRoot, base);
  const headSide = renderSide(repoRoot, head);
  try {
    const environments = compareRendered(repoRoot, baseSide.dir, headSide.dir, readIgnoredFields(repoRoot)).filter(
      (d) => values.env.length === 0 || values.env.includes(d.environment),
    );
    const report: DiffReport = {
      base: values.base ?? `merge-base ${base.slice(0, 12)}`,
      head: headSide.label,
      staleHead: headSide.stale,
      environments,
    };
    if (values.format === 'json') console.log(JSON.stringify(report, null, 2));
    else if (values.format === 'markdown')
      console.log(formatMarkdown(report, values['max-chars'] ? Number(values['max-chars']) : undefined));
    else console.log(formatText(report));
    return 0;
  } finally {
    disposeSide(baseSide);
    disposeSide(headSide);
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`diff: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
