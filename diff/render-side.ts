import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { InvalidConfigError } from '../config/issues.js';
import type { LoadedEnvironment } from '../config/load.js';
import { checkEnvConfig } from '../config/load.js';
import { ENVIRONMENTS_DIR, environmentFile, renderedDirs } from '../config/paths.js';
import type { EnvConfig } from '../config/schema.js';
import type { OutputTree } from '../generators/output/tree.js';
import { compareTree } from '../generators/output/tree.js';
import type { RenderAssets } from '../generators/render/environment.js';
import { environmentOutputs, trafficMatrixTree } from '../generators/render/outputs.js';
import { describeDrift } from '../generators/render/run.js';
import type { NetworkConfig } from '../policies/validate/connectivity.js';
import { runTool } from '../policies/validate/tools.js';
import type { SideFiles } from './side-files.js';
import { git, worktreeFiles } from './side-files.js';
import { temporaryDir } from './temporary.js';

/** One environment as a side renders it: its network config and its rendered files (repository path → YAML). */
export interface RenderedEnvironment {
  readonly config: NetworkConfig;
  /** The whole validated config, when this checkout's loader accepts the side's env.yaml (it prices the change). */
  readonly envConfig?: EnvConfig;
  /** Partitions of the environment's topics, by name (they are created outside the rendered output). */
  readonly topicPartitions: Readonly<Record<string, number>>;
  readonly files: ReadonlyMap<string, string>;
}

export interface RenderedSide {
  readonly label: string;
  readonly environments: ReadonlyMap<string, RenderedEnvironment>;
  /** Files whose committed content differs from what the side's own generators render (empty when up to date). */
  readonly stale: string[];
}

function topicPartitionsOf(config: Pick<EnvConfig, 'kafka'>): Record<string, number> {
  const topics = [config.kafka?.topic, config.kafka?.deadLetterTopic].filter((t) => t !== undefined);
  return Object.fromEntries(topics.map((t) => [t.name, t.partitions]));
}

function environmentsOf(files: SideFiles): string[] {
  return files
    .list(ENVIRONMENTS_DIR)
    .flatMap((file) => /^environments\/([^/]+)\/env\.yaml$/.exec(file)?.[1] ?? [])
    .sort();
}

/** The committed files of a tree's folder, relative to it (only its own files when the tree is not exclusive). */
function existingFiles(files: SideFiles, tree: OutputTree): Map<string, string> {
  const paths =
    tree.exclusive === false ? [...tree.files.keys()].map((f) => `${tree.root}/${f}`) : files.list(tree.root);
  const contents = files.read(paths);
  return new Map(
    paths.flatMap((p, i) => (contents[i] === undefined ? [] : [[p.slice(tree.root.length + 1), contents[i]] as const])),
  );
}

/**
 * Renders a side in this process with this checkout's generators, which the caller has found to be the side's own
 * (its render sources are identical, and so are the assets they embed): only its env.yaml files are read from it.
 */
export function renderInProcess(
  label: string,
  files: SideFiles,
  assets: RenderAssets,
  options: { stale: boolean },
): RenderedSide {
  const names = environmentsOf(files);
  const sources = files.read(names.map(environmentFile));
  const loaded: LoadedEnvironment[] = [];
  const invalid: string[] = [];
  names.forEach((name, i) => {
    try {
      // The diff shows a side's effect; whether its values are placeholders is for npm run check to say.
      const checked = checkEnvConfig(sources[i]!, environmentFile(name), name, { adopted: false, tolerated: true });
      loaded.push({ name, file: environmentFile(name), ...checked });
    } catch (error) {
      if (!(error instanceof InvalidConfigError)) throw error;
      invalid.push(error.message);
    }
  });
  if (invalid.length > 0) throw new Error(`rendering ${label} failed:\n${invalid.join('\n')}`);
  const environments = new Map<string, RenderedEnvironment>();
  const trees: OutputTree[] = [];
  for (const environment of loaded) {
    const outputs = environmentOutputs(environment, assets);
    trees.push(...outputs);
    const rendered = new Map(
      outputs.flatMap((tree) => [...tree.files].map(([f, c]) => [`${tree.root}/${f}`, c] as const)),
    );
    environments.set(environment.name, {
      config: environment.config,
      envConfig: environment.config,
      topicPartitions: topicPartitionsOf(environment.config),
      files: rendered,
    });
  }
  if (loaded.length > 0) trees.push(trafficMatrixTree(loaded.map((e) => e.config)));
  const stale = options.stale
    ? trees.flatMap((tree) => compareTree(tree, existingFiles(files, tree))).map(describeDrift)
    : [];
  return { label, environments, stale };
}

async function renderCommand(dir: string, args: string[]): Promise<{ status: number; output: string }> {
  const { status, stdout, stderr } = await runTool(
    process.execPath,
    ['--import', 'tsx', 'generators/cli/render.ts', ...args],
    dir,
  );
  return { status, output: `${stdout}${stderr}` };
}

/**
 * Renders a commit whose generators differ from this checkout's with its own: its files in a temporary folder, and
 * its render command run there (with this checkout's dependencies). Slower, and only needed when a change touches the
 * generators themselves.
 */
export async function renderWithOwnSource(
  repoRoot: string,
  commit: string,
  label: string,
  options: { stale: boolean },
): Promise<RenderedSide> {
  const dir = temporaryDir('rendered-diff-');
  try {
    git(repoRoot, ['archive', '--format=tar', '-o', path.join(dir, '.source.tar'), commit]);
    const untar = await runTool('tar', ['-x', '-f', '.source.tar'], dir);
    if (untar.status !== 0) throw new Error(`unpacking ${label} failed: ${untar.stderr}`);
    fs.rmSync(path.join(dir, '.source.tar'));
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    let stale: string[] = [];
    if (options.stale) {
      const check = await renderCommand(dir, ['--check']);
      stale = check.status === 0 ? [] : check.output.split('\n').filter((l) => /: (changed|missing|extra) \(/.test(l));
      if (check.status !== 0 && stale.length === 0) throw new Error(`rendering ${label} failed:\n${check.output}`);
    }
    const render = await renderCommand(dir, []);
    if (render.status !== 0) throw new Error(`rendering ${label} failed:\n${render.output}`);
    const files = worktreeFiles(dir);
    const environments = new Map<string, RenderedEnvironment>();
    for (const name of environmentsOf(files)) {
      const paths = renderedDirs(name).flatMap((d) => files.list(d));
      const [source, ...contents] = files.read([environmentFile(name), ...paths]);
      // Read as plain data: this checkout's schema may not be the revision's, and the analysis needs two fields.
      const { namespace, network, kafka } = parse(source!) as Pick<EnvConfig, 'namespace' | 'network' | 'kafka'>;
      environments.set(name, {
        config: { namespace, network },
        topicPartitions: topicPartitionsOf({ kafka }),
        files: new Map(paths.map((p, i) => [p, contents[i]!])),
      });
    }
    return { label, environments, stale };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
