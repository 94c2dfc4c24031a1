import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { describeAjvError } from './ajv-messages.js';
import type { ConfigIssue } from './issues.js';
import { InvalidConfigError, dottedPath } from './issues.js';
import type { EnvConfig } from './schema.js';
import { EnvConfigSchema } from './schema.js';
import { semanticIssues } from './semantic-rules.js';
import { YamlSourceMap } from './source-map.js';
import { ENVIRONMENTS_DIR, environmentFile } from './paths.js';

// allErrors: report every problem at once; verbose: keep the offending value and schema for the message.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, useDefaults: true });
const validate = ajv.compile<EnvConfig>(EnvConfigSchema);

export interface LoadedEnvironment {
  readonly name: string;
  /** Repository-relative path of env.yaml, as shown in errors and generated headers. */
  readonly file: string;
  readonly config: EnvConfig;
}

/**
 * Parses and validates one env.yaml. Throws InvalidConfigError with every issue found:
 * YAML syntax first (nothing else can be trusted then), otherwise schema and cross-field rules together.
 */
export function parseEnvConfig(source: string, file: string, folderName?: string): EnvConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InvalidConfigError(
      doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return { file, line, column: col, path: '', message: `YAML syntax error: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const map = new YamlSourceMap(doc, lineCounter);
  const data: unknown = doc.toJS();
  if (!validate(data)) {
    const issues = (validate.errors ?? []).map((error): ConfigIssue => {
      const described = describeAjvError(error);
      const segments = map.typedPath(described.path);
      const anchorPath = described.anchor === 'container' ? segments.slice(0, -1) : segments;
      const position =
        described.anchor === 'key'
          ? map.keyAt(anchorPath)
          : described.anchor === 'container'
            ? map.containerAt(anchorPath)
            : map.valueAt(anchorPath);
      return { file, ...position, path: dottedPath(segments), message: described.message };
    });
    throw new InvalidConfigError(sortIssues(issues));
  }
  const semantic = semanticIssues(data, folderName);
  if (semantic.length > 0) {
    throw new InvalidConfigError(
      sortIssues(semantic.map((i) => ({ file, ...map.valueAt(i.path), path: dottedPath(i.path), message: i.message }))),
    );
  }
  return data;
}

function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column || a.path.localeCompare(b.path));
}

/** Every environment folder that holds an env.yaml, sorted. */
export function listEnvironments(repoRoot: string): string[] {
  const dir = path.join(repoRoot, ENVIRONMENTS_DIR);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'env.yaml')))
    .map((entry) => entry.name)
    .sort();
}

export function loadEnvironment(repoRoot: string, name: string): LoadedEnvironment {
  const file = environmentFile(name);
  const absolute = path.join(repoRoot, file);
  if (!fs.existsSync(absolute)) throw new Error(`no environment '${name}': ${file} does not exist`);
  return { name, file, config: parseEnvConfig(fs.readFileSync(absolute, 'utf8'), file, name) };
}
