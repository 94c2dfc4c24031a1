import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Fetches a Go module at an exact version through the Go module proxy (the only place these upstream files are
 * delivered from here) into the project's own module cache, and returns its folder. Nothing is compiled.
 */
export function downloadGoModule(cacheDir: string, module: string, version: string): string {
  const output = execFileSync('go', ['mod', 'download', '-json', `${module}@${version}`], {
    encoding: 'utf8',
    env: { ...process.env, GOPATH: path.join(cacheDir, 'go'), GOFLAGS: '-modcacherw' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const info = JSON.parse(output) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${module}@${version} failed: ${info.Error ?? output}`);
  return info.Dir;
}
