import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ConfigIssue } from './issues.js';
import { dottedPath } from './issues.js';
import { environmentFile } from './paths.js';
import type { PathSegment } from './source-map.js';
import { YamlSourceMap } from './source-map.js';

/** An issue at a path of an environment's committed env.yaml, with its file, line and column, for rules beyond one file. */
export function issueInEnvYaml(
  repoRoot: string,
  environment: string,
  at: readonly PathSegment[],
  message: string,
): ConfigIssue {
  const file = environmentFile(environment);
  const lineCounter = new LineCounter();
  const doc = parseDocument(fs.readFileSync(path.join(repoRoot, file), 'utf8'), { lineCounter });
  return { file, ...new YamlSourceMap(doc, lineCounter).valueAt(at), path: dottedPath(at), message };
}
