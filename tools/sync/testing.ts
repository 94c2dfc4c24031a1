import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { repoRoot } from '../../config/paths.js';

/**
 * A throwaway git repository holding one environment's committed output (argocd/<env>/ and environments/<env>/) as
 * this checkout has it, committed once: tests change it, commit again or not, and rehearse base → head on it.
 */
export class EnvironmentFixture {
  readonly root: string;

  constructor(readonly env: string) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), `sync-fixture-${env}-`));
    for (const dir of [`argocd/${env}`, `environments/${env}`]) {
      fs.cpSync(path.join(repoRoot, dir), path.join(this.root, dir), { recursive: true });
    }
    this.git(['init', '-q', '-b', 'main']);
    this.commit('as rendered');
  }

  git(args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args], {
      cwd: this.root,
      encoding: 'utf8',
    }).trim();
  }

  commit(message: string): string {
    this.git(['add', '-A']);
    this.git(['commit', '-q', '--allow-empty', '-m', message]);
    return this.git(['rev-parse', 'HEAD']);
  }

  /** A file of the environment's rendered manifests, by its path under environments/<env>/manifests/. */
  manifest(file: string): string {
    return path.join(this.root, 'environments', this.env, 'manifests', file);
  }

  writeManifest(file: string, object: unknown): void {
    fs.mkdirSync(path.dirname(this.manifest(file)), { recursive: true });
    fs.writeFileSync(this.manifest(file), stringify(object));
  }

  /** Parses a manifest, lets `edit` change it in place, writes it back. */
  editManifest<Manifest>(file: string, edit: (object: Manifest) => void): void {
    const object = parse(fs.readFileSync(this.manifest(file), 'utf8')) as Manifest;
    edit(object);
    this.writeManifest(file, object);
  }

  /** Parses an Argo CD object of the environment (argocd/<env>/<file>), lets `edit` change it, writes it back. */
  editArgoCd<Manifest>(file: string, edit: (object: Manifest) => void): void {
    const full = path.join(this.root, 'argocd', this.env, file);
    const object = parse(fs.readFileSync(full, 'utf8')) as Manifest;
    edit(object);
    fs.writeFileSync(full, stringify(object));
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
