import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One object of the committed rendered output, with the file it came from. */
export interface RenderedObject {
  readonly file: string;
  readonly object: any;
}

function objectsOf(file: string, text: string): RenderedObject[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as unknown)
    .filter(Boolean)
    .map((object) => ({ file, object }));
}

/** Every object under environments/<env>/manifests and argocd/<env>: what Argo CD would apply for the environment. */
export function readRenderedObjects(repoRoot: string, environment: string): RenderedObject[] {
  const folders = [path.join('environments', environment, 'manifests'), path.join('argocd', environment)];
  const objects: RenderedObject[] = [];
  for (const folder of folders) {
    const absolute = path.join(repoRoot, folder);
    if (!fs.existsSync(absolute)) continue;
    const files = fs
      .readdirSync(absolute, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.ya?ml$/.test(file))
      .sort();
    for (const file of files) {
      const relative = path.posix.join(folder.split(path.sep).join('/'), file.split(path.sep).join('/'));
      objects.push(...objectsOf(relative, fs.readFileSync(path.join(absolute, file), 'utf8')));
    }
  }
  return objects;
}
