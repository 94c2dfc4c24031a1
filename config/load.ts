import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { describeAjvError } from './ajv-messages.js';
import type { ConfigIssue, SemanticIssue } from './issues.js';
import { InvalidConfigError, dottedPath } from './issues.js';
import type { EnvConfig } from './schema.js';
import { EnvConfigSchema } from './schema.js';
import { semanticIssues } from './semantic-rules.js';
import { readAdoption } from './adoption.js';
import type { AdoptionState } from './placeholders.js';
import { placeholderSeverity, placeholdersIn } from './placeholders.js';
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
  /** Problems that do not stop a render (placeholder values in the reference repository). */
  readonly warnings: readonly ConfigIssue[];
}

export interface CheckedEnvConfig {
  readonly config: EnvConfig;
  readonly warnings: ConfigIssue[];
}

/**
 * Parses and validates one env.yaml. Throws InvalidConfigError with every issue found:
 * YAML syntax first (nothing else can be trusted then), otherwise schema and cross-field rules together.
 */
export function parseEnvConfig(source: string, file: string, folderName?: string): EnvConfig {
  return checkEnvConfig(source, file, folderName).config;
}

/** parseEnvConfig, with the warnings it found; `adoption` says whether `npm run adopt` set this environment up. */
export function checkEnvConfig(
  source: string,
  file: string,
  folderName?: string,
  adoption: AdoptionState = { adopted: false },
): CheckedEnvConfig {
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
  const located = (i: SemanticIssue): ConfigIssue => ({
    file,
    ...map.valueAt(i.path),
    path: dottedPath(i.path),
    message: i.message,
  });
  const placeholders = placeholdersIn(data, folderName).map((p): SemanticIssue => ({
    path: p.path,
    message: `is a placeholder of the reference repository (${p.reason}), got "${p.value}"; fix: ${p.fix}`,
  }));
  const placeholdersAreErrors = placeholderSeverity(data, adoption) === 'error';
  const semantic = [...semanticIssues(data, folderName), ...(placeholdersAreErrors ? placeholders : [])];
  if (semantic.length > 0) throw new InvalidConfigError(sortIssues(semantic.map(located)));
  return { config: data, warnings: placeholdersAreErrors ? [] : placeholders.map(located) };
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

/** `placeholders: 'tolerated'` for commands that set or create those values (config/placeholders.ts). */
export function loadEnvironment(
  repoRoot: string,
  name: string,
  options: { placeholders?: 'by-rule' | 'tolerated' } = {},
): LoadedEnvironment {
  const file = environmentFile(name);
  const absolute = path.join(repoRoot, file);
  if (!fs.existsSync(absolute)) throw new Error(`no environment '${name}': ${file} does not exist`);
  const adopted = readAdoption(repoRoot)?.environments.includes(name) ?? false;
  const tolerated = options.placeholders === 'tolerated';
  return { name, file, ...checkEnvConfig(fs.readFileSync(absolute, 'utf8'), file, name, { adopted, tolerated }) };
}
