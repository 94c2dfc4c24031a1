import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { manifestsDir, repoRoot } from '../../config/paths.js';
import { imageRef } from '../../generators/render/images.js';
import { IMAGE_TARGETS, TARGET_ENTRIES, compiledEntry } from './image-targets.js';

const dockerfile = fs.readFileSync(path.join(repoRoot, 'images/Dockerfile'), 'utf8');

/** The lines of the stage `FROM ... AS <name>`, up to the next FROM. */
function stage(name: string): string {
  const start = dockerfile.search(new RegExp(`^FROM \\S+ AS ${name}$`, 'm'));
  if (start < 0) throw new Error(`images/Dockerfile has no stage ${name}`);
  const next = dockerfile.slice(start + 1).search(/^FROM /m);
  return next < 0 ? dockerfile.slice(start) : dockerfile.slice(start, start + 1 + next);
}

/** The script node runs in a command line, e.g. `node --enable-source-maps dist/x.js` → `dist/x.js`. */
function nodeScript(argv: readonly string[]): string | undefined {
  const node = argv.indexOf('node');
  return node < 0 ? undefined : argv.slice(node + 1).find((a) => !a.startsWith('-'));
}

interface RenderedContainer {
  readonly file: string;
  readonly image: string;
  readonly command?: string[];
}

function containersIn(value: unknown, file: string, found: RenderedContainer[]): void {
  if (Array.isArray(value)) for (const item of value) containersIn(item, file, found);
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.image === 'string') {
      found.push({ file, image: object.image, command: object.command as string[] | undefined });
    }
    for (const child of Object.values(object)) containersIn(child, file, found);
  }
}

function renderedContainers(environment: string): RenderedContainer[] {
  const dir = path.join(repoRoot, manifestsDir(environment));
  const found: RenderedContainer[] = [];
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.yaml')) continue;
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))) {
      containersIn(doc.toJS(), file, found);
    }
  }
  return found;
}

describe('the entry points each image carries', () => {
  it.each(IMAGE_TARGETS)('%s: the Dockerfile runs the first entry point and copies the target’s own folder', (t) => {
    const lines = stage(t);
    const command = /^(?:CMD|ENTRYPOINT) (\[.*\])$/m.exec(lines)?.[1];
    expect(command, `the ${t} stage has a CMD or ENTRYPOINT`).toBeDefined();
    expect(nodeScript(JSON.parse(command!) as string[])).toBe(compiledEntry(TARGET_ENTRIES[t][0]!));
    expect(lines).toContain(`COPY --from=build /targets/${t} ./`);
  });

  it.each(listEnvironments(repoRoot))(
    '%s: every command the render gives a container is an entry point of its image',
    (env) => {
      const { config } = loadEnvironment(repoRoot, env);
      const targetOf = new Map(IMAGE_TARGETS.map((t) => [imageRef(config, t), t]));
      const commands = renderedContainers(env).flatMap((c) => {
        const target = targetOf.get(c.image);
        const script = c.command && nodeScript(c.command);
        return target && script ? [{ file: c.file, target, script }] : [];
      });
      expect(commands.length).toBeGreaterThan(0);
      for (const { file, target, script } of commands) {
        expect(TARGET_ENTRIES[target].map(compiledEntry), `${file} runs ${script} in the ${target} image`).toContain(
          script,
        );
      }
    },
  );
});
