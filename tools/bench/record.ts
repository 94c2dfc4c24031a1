import fs from 'node:fs';
import path from 'node:path';
import type { BenchReport } from './report.js';

/** A full benchmark run kept in the repository: the evidence behind docs/performance.md. */
export interface RecordedRun {
  readonly label: string;
  /** The commit whose code was measured. */
  readonly commit: string;
  readonly command: string;
  readonly report: BenchReport;
}

export const RUNS_DIR = 'docs/performance/runs';

/** Recorded runs, oldest first (file names start with a sequence number). */
export function readRuns(root: string): RecordedRun[] {
  const dir = path.join(root, RUNS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as RecordedRun);
}

/** Writes `<n>-<label>.json` after the runs already there. */
export function recordRun(root: string, run: RecordedRun): string {
  const dir = path.join(root, RUNS_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${readRuns(root).length + 1}-${run.label}.json`);
  fs.writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return path.relative(root, file);
}
