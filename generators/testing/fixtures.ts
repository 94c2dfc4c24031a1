import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../config/paths.js';

/** The files besides env.yaml that a render reads. */
const RENDER_INPUTS: string[] = [];

/** A throw-away repository root holding copies of every committed env.yaml (and no rendered output). */
export function temporaryRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'render-test-'));
  for (const input of RENDER_INPUTS) {
    fs.mkdirSync(path.dirname(path.join(root, input)), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, input), path.join(root, input));
  }
  for (const environment of fs.readdirSync(path.join(repoRoot, 'environments'))) {
    const source = path.join(repoRoot, 'environments', environment, 'env.yaml');
    if (!fs.existsSync(source)) continue;
    fs.mkdirSync(path.join(root, 'environments', environment), { recursive: true });
    fs.copyFileSync(source, path.join(root, 'environments', environment, 'env.yaml'));
  }
  return root;
}

/** Every file under a folder, keyed by relative path: to compare two renders byte for byte. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, absolute), fs.readFileSync(absolute, 'utf8'));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}
