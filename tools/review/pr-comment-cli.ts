// The pull request's comment, as the rendered-diff workflow builds it (tools/review/pr-comment.ts):
//   tsx tools/review/pr-comment-cli.ts pending <diff.md> <head>                   the fast job's comment
//   tsx tools/review/pr-comment-cli.ts verdicts <current.md> <head> [<report>]    the long job's (exit 3: not ours)
import fs from 'node:fs';
import type { SyncCheckReport } from '../sync/report.js';
import { formatCommentLines } from '../sync/report.js';
import { withRehearsalPending, withRehearsalVerdicts } from './pr-comment.js';

const [command, file, head, report = 'reports/sync-check.json'] = process.argv.slice(2);
const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');

if (!file || !head || (command !== 'pending' && command !== 'verdicts')) {
  console.error('usage: pr-comment-cli.ts pending <diff.md> <head> | verdicts <current.md> <head> [<report.json>]');
  process.exitCode = 2;
} else if (command === 'pending') {
  process.stdout.write(withRehearsalPending(read(file), head));
} else {
  const verdicts = fs.existsSync(report)
    ? formatCommentLines(JSON.parse(read(report)) as SyncCheckReport)
    : `**Sync rehearsal** of \`${head.slice(0, 7)}\`: no verdicts (the run ended before the rehearsal wrote ${report}); see the workflow's log.`;
  const body = withRehearsalVerdicts(read(file), head, `${verdicts}\n\n${process.env.CI_RESULT ?? ''}`);
  if (body === undefined) {
    console.error(`the comment belongs to a newer push than ${head}: left as it is`);
    process.exitCode = 3;
  } else process.stdout.write(body);
}
