import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Where the install scripts put the validation binaries (.cache/bin, see tools/install/go-tools.sh). */
export function toolPath(repoRoot: string, name: string): string {
  const cacheDir = process.env.PLATFORM_CACHE_DIR ?? path.join(repoRoot, '.cache');
  const binary = path.join(cacheDir, 'bin', name);
  if (!fs.existsSync(binary))
    throw new Error(`${name} is not installed (${binary}); run: bash tools/install/go-tools.sh`);
  return binary;
}

/** Runs a tool and returns its output; exit codes are the caller's to interpret (kubeconform exits 1 on findings). */
export function runTool(
  binary: string,
  args: string[],
  cwd: string,
): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(binary, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
