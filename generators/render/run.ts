import type { LoadedEnvironment } from '../../config/load.js';
import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { InvalidConfigError } from '../../config/issues.js';
import type { Drift } from '../output/tree.js';
import { findDrift, writeTree } from '../output/tree.js';
import { environmentOutputs, readAssets, trafficMatrixTree } from './outputs.js';

export interface RenderOptions {
  readonly repoRoot: string;
  /** Compare with what is on disk instead of writing. */
  readonly check: boolean;
  /** Environments to render; all of them when empty. */
  readonly environments: readonly string[];
}

export interface RenderResult {
  readonly exitCode: number;
  readonly lines: string[];
  /** One line per environment with placeholder values (config/placeholders.ts), printed before the lines. */
  readonly warnings?: string[];
}

/**
 * Loads every selected environment first and renders only if all are valid, so an invalid config never leaves
 * half-rendered output behind. In check mode it writes nothing and lists every changed, missing and extra file.
 */
export function runRender(options: RenderOptions): RenderResult {
  const known = listEnvironments(options.repoRoot);
  const unknown = options.environments.filter((e) => !known.includes(e));
  if (unknown.length > 0) {
    return { exitCode: 2, lines: [`unknown environment(s): ${unknown.join(', ')}; known: ${known.join(', ')}`] };
  }
  const selected = options.environments.length > 0 ? [...options.environments].sort() : known;

  const loaded: LoadedEnvironment[] = [];
  const invalid: string[] = [];
  for (const name of selected) {
    try {
      loaded.push(loadEnvironment(options.repoRoot, name));
    } catch (error) {
      if (!(error instanceof InvalidConfigError)) throw error;
      invalid.push(error.message);
    }
  }
  if (invalid.length > 0) return { exitCode: 1, lines: [...invalid, 'nothing was rendered'] };
  const warnings = placeholderWarnings(loaded);

  const assets = readAssets(options.repoRoot);
  const trees = loaded.flatMap((environment) => environmentOutputs(environment, assets));
  // The matrix document covers every environment, so only a render of all of them writes or checks it.
  if (selected.length === known.length) trees.push(trafficMatrixTree(loaded.map((e) => e.config)));
  if (options.check) {
    const drift = trees.flatMap((tree) => findDrift(options.repoRoot, tree));
    if (drift.length === 0)
      return { exitCode: 0, lines: [`rendered output is up to date (${selected.join(', ')})`], warnings };
    return {
      exitCode: 1,
      warnings,
      lines: [
        ...drift.map(describeDrift),
        `${drift.length} rendered file(s) out of date: run \`npm run render\` and commit the result`,
      ],
    };
  }
  const written = trees.flatMap((tree) => writeTree(options.repoRoot, tree));
  return {
    exitCode: 0,
    warnings,
    lines: [...written.map(describeWrite), `rendered ${selected.join(', ')}: ${written.length} file(s) changed`],
  };
}

/**
 * One line per environment that holds placeholder values, naming the file and each value's path and line: warnings
 * until `npm run adopt` sets the environment up (then they are errors and nothing renders).
 */
function placeholderWarnings(loaded: readonly LoadedEnvironment[]): string[] {
  return loaded
    .filter((e) => e.warnings.length > 0)
    .map(
      (e) =>
        `warning ${e.file}: ${e.warnings.length} placeholder value(s) of the reference repository, errors once \`npm run adopt\` sets ${e.name} up: ${e.warnings.map((w) => `${w.path} (line ${w.line})`).join(', ')}`,
    );
}

const DRIFT_WORDS: Record<Drift['kind'], string> = {
  changed: 'changed (differs from the render)',
  missing: 'missing (the render produces it)',
  extra: 'extra (the render no longer produces it)',
};

const WRITE_WORDS: Record<Drift['kind'], string> = { changed: 'updated', missing: 'created', extra: 'removed' };

function describeWrite(drift: Drift): string {
  return `${WRITE_WORDS[drift.kind]} ${drift.file}`;
}

/** One line per drifting file, as `render --check` prints it. */
export function describeDrift(drift: Drift): string {
  return `${drift.file}: ${DRIFT_WORDS[drift.kind]}`;
}
