import fs from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseAllDocuments, visit } from 'yaml';
import type { Rewrite } from '../sync/rehearsal-repo.js';

const KEY = 'KAFKA_AUTH';
const STAND_IN = 'none';

/**
 * Points every KAFKA_AUTH the render sets (ConfigMap data, a container's env) at the stand-in broker's plaintext
 * listener: MSK's IAM login signs a token with the pod's AWS role, and the rehearsal has no AWS. The only change made
 * to the environment's manifests; each one is returned for the report.
 */
export function rewriteKafkaAuth(text: string, file: string): { text: string; rewrites: Rewrite[] } {
  const rewrites: Rewrite[] = [];
  const docs = parseAllDocuments(text);
  for (const doc of docs) {
    visit(doc, {
      Pair(_, pair, ancestry) {
        const key = (pair.key as { value?: unknown } | null)?.value;
        const value = pair.value as { value?: unknown } | null;
        // ConfigMap data: `KAFKA_AUTH: aws-msk-iam`.
        if (key === KEY && value && typeof value.value === 'string' && value.value !== STAND_IN) {
          rewrites.push({ file, field: `data.${KEY}`, from: value.value, to: STAND_IN });
          value.value = STAND_IN;
        }
        // A container's env entry: `{ name: KAFKA_AUTH, value: aws-msk-iam }`.
        const parent = ancestry.at(-1);
        if (key === 'value' && isMap(parent) && parent.get('name') === KEY && isSeq(ancestry.at(-2))) {
          if (value && typeof value.value === 'string' && value.value !== STAND_IN) {
            rewrites.push({ file, field: `env.${KEY}`, from: value.value, to: STAND_IN });
            value.value = STAND_IN;
          }
        }
      },
    });
  }
  return { text: docs.map((d) => d.toString()).join(''), rewrites };
}

/** Rewrites every manifest of the environment in the rehearsal repository's copy. */
export function rewriteKafkaAuthIn(repoDir: string, env: string): Rewrite[] {
  const rewrites: Rewrite[] = [];
  const root = path.join(repoDir, 'environments', env, 'manifests');
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    const text = fs.readFileSync(full, 'utf8');
    if (!text.includes(KEY)) continue;
    const result = rewriteKafkaAuth(text, path.relative(repoDir, full));
    fs.writeFileSync(full, result.text);
    rewrites.push(...result.rewrites);
  }
  return rewrites;
}
