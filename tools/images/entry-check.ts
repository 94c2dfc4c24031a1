import path from 'node:path';
import type { ImageConfig } from './commands.js';

/** The script a container started from the image runs with node (absolute), or undefined when it runs none. */
export function commandScript(config: ImageConfig): string | undefined {
  const argv = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  const node = argv.findIndex((arg) => path.posix.basename(arg) === 'node');
  const script = node < 0 ? undefined : argv.slice(node + 1).find((arg) => !arg.startsWith('-'));
  return script === undefined ? undefined : path.posix.resolve(config.WorkingDir || '/', script);
}

/**
 * The files a target's containers run that the image lacks: the script of its own command, and the other entry
 * points (relative to the working directory) that the render runs from it.
 */
export function missingEntryFiles(
  config: ImageConfig,
  entries: readonly string[],
  exists: (file: string) => boolean,
): string[] {
  const script = commandScript(config);
  if (!script) {
    throw new Error(
      `the image's command (${JSON.stringify([...(config.Entrypoint ?? []), ...(config.Cmd ?? [])])}) runs no node script`,
    );
  }
  const files = [script, ...entries.map((entry) => path.posix.resolve(config.WorkingDir || '/', entry))];
  return [...new Set(files)].filter((file) => !exists(file));
}
