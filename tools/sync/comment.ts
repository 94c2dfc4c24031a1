// Prints the sync rehearsal's verdicts from its JSON report as Markdown, one line per environment, for the pull
// request's comment: `tsx tools/sync/comment.ts [reports/sync-check.json]`.
import fs from 'node:fs';
import type { SyncCheckReport } from './report.js';
import { formatCommentLines } from './report.js';

const file = process.argv[2] ?? 'reports/sync-check.json';
const report = JSON.parse(fs.readFileSync(file, 'utf8')) as SyncCheckReport;
console.log(`\n${formatCommentLines(report)}`);
