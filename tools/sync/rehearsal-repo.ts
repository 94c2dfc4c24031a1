import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Snapshot } from './snapshot.js';

/** The branch the rehearsal repository commits to; the Applications' targetRevision is pointed at it. */
export const REHEARSAL_BRANCH = 'main';

export interface Rewrite {
  readonly file: string;
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Points the environment's Argo CD objects at the rehearsal repository: every source in the environment's own
 * repository gets the file:// URL and the rehearsal branch, and the AppProject's sourceRepos the file:// URL. That is
 * the only change made to the committed output; each one is returned so the report can list it.
 */
export function rewriteArgoCdFile(
  text: string,
  file: string,
  repoURL: string,
  fileURL: string,
): { text: string; rewrites: Rewrite[] } {
  const rewrites: Rewrite[] = [];
  const docs = parseAllDocuments(text);
  for (const doc of docs) {
    const kind = doc.get('kind');
    const set = (fieldPath: (string | number)[], to: string): void => {
      const from = String(doc.getIn(fieldPath));
      if (from === to) return;
      doc.setIn(fieldPath, to);
      rewrites.push({ file, field: fieldPath.join('.'), from, to });
    };
    if (kind === 'Application') {
      const sources: (string | number)[][] = [];
      if (doc.hasIn(['spec', 'source'])) sources.push(['spec', 'source']);
      const many = doc.getIn(['spec', 'sources']) as { items?: unknown[] } | undefined;
      for (let i = 0; i < (many?.items?.length ?? 0); i += 1) sources.push(['spec', 'sources', i]);
      for (const source of sources) {
        if (doc.getIn([...source, 'repoURL']) !== repoURL) continue;
        set([...source, 'repoURL'], fileURL);
        set([...source, 'targetRevision'], REHEARSAL_BRANCH);
      }
    }
    if (kind === 'AppProject') {
      const repos = doc.getIn(['spec', 'sourceRepos']) as { items?: { value?: unknown }[] } | undefined;
      (repos?.items ?? []).forEach((item, i) => {
        if (item.value === repoURL) set(['spec', 'sourceRepos', i], fileURL);
      });
    }
  }
  return { text: docs.map((d) => d.toString()).join(''), rewrites };
}

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'sync-check',
      GIT_AUTHOR_EMAIL: 'sync-check@localhost',
      GIT_COMMITTER_NAME: 'sync-check',
      GIT_COMMITTER_EMAIL: 'sync-check@localhost',
    },
  }).trim();
}

/**
 * A git repository Argo CD reads over file://, holding one commit per side of the rehearsal (base, then head) on one
 * branch, the way a merge reaches the branch a live Argo CD follows.
 */
export class RehearsalRepo {
  readonly url: string;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    git(dir, ['init', '-q', '-b', REHEARSAL_BRANCH]);
    this.url = `file://${dir}`;
  }

  /**
   * Replaces the repository's content with the snapshot (Argo CD objects rewritten, then whatever `rewrite` changes
   * in the copy, each change returned) and commits it.
   */
  commit(snapshot: Snapshot, env: string, rewrite?: (dir: string) => Rewrite[]): { sha: string; rewrites: Rewrite[] } {
    for (const entry of fs.readdirSync(this.dir)) {
      if (entry !== '.git') fs.rmSync(path.join(this.dir, entry), { recursive: true, force: true });
    }
    fs.cpSync(snapshot.dir, this.dir, { recursive: true });
    const rewrites: Rewrite[] = [];
    const argocdDir = path.join(this.dir, 'argocd', env);
    for (const file of fs.readdirSync(argocdDir).filter((f) => /\.ya?ml$/.test(f))) {
      const full = path.join(argocdDir, file);
      const result = rewriteArgoCdFile(
        fs.readFileSync(full, 'utf8'),
        `argocd/${env}/${file}`,
        snapshot.repoURL,
        this.url,
      );
      fs.writeFileSync(full, result.text);
      rewrites.push(...result.rewrites);
    }
    if (rewrite) rewrites.push(...rewrite(this.dir));
    git(this.dir, ['add', '-A']);
    git(this.dir, ['commit', '-q', '--allow-empty', '-m', snapshot.label]);
    return { sha: git(this.dir, ['rev-parse', 'HEAD']), rewrites };
  }
}
