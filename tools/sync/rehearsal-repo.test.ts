import { describe, expect, it } from 'vitest';
import { rewriteArgoCdFile } from './rehearsal-repo.js';

const REPO = 'https://github.com/example/event-platform.git';
const FILE_URL = 'file:///tmp/rehearsal/repo';

describe('pointing the Argo CD objects at the rehearsal repository', () => {
  it("rewrites this repository's sources and nothing else, keeping the file's comments", () => {
    const text = `# Generated. Do not edit.
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: dev-event-platform
spec:
  sources:
    - repoURL: ${REPO}
      path: environments/dev/manifests
      targetRevision: 3f1c2a9
    - repoURL: https://kedacore.github.io/charts
      chart: keda
      targetRevision: 2.20.2
`;
    const { text: rewritten, rewrites } = rewriteArgoCdFile(text, 'argocd/dev/app.yaml', REPO, FILE_URL);
    expect(rewritten).toContain('# Generated. Do not edit.');
    expect(rewritten).toContain(`repoURL: ${FILE_URL}`);
    expect(rewritten).toContain('targetRevision: main');
    expect(rewritten).toContain('targetRevision: 2.20.2');
    expect(rewrites).toStrictEqual([
      { file: 'argocd/dev/app.yaml', field: 'spec.sources.0.repoURL', from: REPO, to: FILE_URL },
      { file: 'argocd/dev/app.yaml', field: 'spec.sources.0.targetRevision', from: '3f1c2a9', to: 'main' },
    ]);
  });

  it("replaces this repository in the AppProject's sourceRepos", () => {
    const text = `kind: AppProject
spec:
  sourceRepos:
    - https://charts.external-secrets.io
    - ${REPO}
`;
    const { text: rewritten } = rewriteArgoCdFile(text, 'p.yaml', REPO, FILE_URL);
    expect(rewritten).toContain(`- ${FILE_URL}`);
    expect(rewritten).toContain('- https://charts.external-secrets.io');
    expect(rewritten).not.toContain(REPO);
  });
});
