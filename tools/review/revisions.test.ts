import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnvConfig } from '../../config/load.js';
import { environmentFile } from '../../config/paths.js';
import { committedEnvYaml } from '../../config/testing.js';
import { checkRevisions, imagesWorkflowCommit, revisionLines } from './revisions.js';

// A small history like the project's: a first commit before the images workflow, the commit that adds it, one more.
const IDENTITY = ['-c', 'user.name=t', '-c', 'user.email=t@localhost'];

let root: string;
const commits: string[] = [];
function git(...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], { cwd: root, encoding: 'utf8' }).trim();
}
function commit(files: Record<string, string>, message: string): string {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  git('add', '-A');
  git('commit', '-qm', message);
  return git('rev-parse', 'HEAD');
}

/** The committed staging env.yaml with its image tag and synced revision set, loaded as the check sees it. */
function staging(tag: string, revision = tag) {
  const yaml = committedEnvYaml('staging')
    .replace(/^( +tag: ).*$/m, `$1'${tag}'`)
    .replace(/^( +targetRevision: ).*$/m, `$1${revision}`);
  fs.mkdirSync(path.join(root, 'environments/staging'), { recursive: true });
  fs.writeFileSync(path.join(root, environmentFile('staging')), yaml);
  return [{ name: 'staging', config: parseEnvConfig(yaml, environmentFile('staging'), 'staging') }];
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'revisions-'));
  git('init', '-q', '-b', 'main');
  commits.push(commit({ 'README.md': 'one\n' }, 'before the images workflow'));
  commits.push(commit({ '.github/workflows/images.yml': 'on: push\n', 'images/Dockerfile': 'FROM x\n' }, 'images'));
  commits.push(commit({ 'README.md': 'two\n' }, 'after'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the promoted revisions', () => {
  it('are measured from the first commit that holds the images workflow and its Dockerfile', () => {
    expect(imagesWorkflowCommit(root)).toBe(commits[1]);
  });

  it('pass when they are commits of the branch since the images workflow', () => {
    expect(checkRevisions(root, staging(commits[1]!, commits[2])).issues).toStrictEqual([]);
  });

  it('refuse a revision that predates the images workflow, naming file, line and path', () => {
    const [tag, targetRevision] = checkRevisions(root, staging(commits[0]!)).issues;
    expect(tag).toMatchObject({ file: 'environments/staging/env.yaml', path: 'images.tag' });
    expect(tag!.line).toBe(
      committedEnvYaml('staging')
        .split('\n')
        .findIndex((l) => /^ +tag: /.test(l)) + 1,
    );
    expect(tag!.message).toBe(
      `${commits[0]!.slice(0, 7)} predates the images workflow (${commits[1]!.slice(0, 7)}, the first commit with .github/workflows/images.yml and images/Dockerfile): no image was built from it; promote a commit of this branch: npm run promote -- --env staging --images <sha>`,
    );
    expect(targetRevision?.path).toBe('gitops.targetRevision');
  });

  it('refuse a commit that is not an ancestor of the branch', () => {
    git('checkout', '-q', '-b', 'side', commits[1]!);
    const side = commit({ 'side.txt': 'x\n' }, 'side');
    git('checkout', '-q', 'main');
    expect(checkRevisions(root, staging(side, commits[2])).issues.map((i) => i.message)).toStrictEqual([
      `${side.slice(0, 7)} is not an ancestor of HEAD (this branch); promote a commit of this branch: npm run promote -- --env staging --images <sha>`,
    ]);
  });

  it('refuse a sha this repository does not have', () => {
    const [issue] = checkRevisions(root, staging('f'.repeat(40), commits[2])).issues;
    expect(issue?.message).toMatch(/^fffffff is not a commit of this repository/);
  });

  it('are not checked against a branch name: dev follows main', () => {
    expect(checkRevisions(root, staging(commits[2]!, 'main')).issues).toStrictEqual([]);
  });

  it('cannot be checked in a shallow clone, and say how to get the history', () => {
    const shallow = fs.mkdtempSync(path.join(os.tmpdir(), 'revisions-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${root}`, shallow]);
      fs.mkdirSync(path.join(shallow, 'environments/staging'), { recursive: true });
      fs.copyFileSync(path.join(root, environmentFile('staging')), path.join(shallow, environmentFile('staging')));
      const lines = revisionLines(checkRevisions(shallow, staging(commits[2]!)));
      expect(lines[0]).toMatch(/images\.tag: cannot be checked in a shallow clone .*git fetch --unshallow/);
    } finally {
      fs.rmSync(shallow, { recursive: true, force: true });
    }
  });
});
