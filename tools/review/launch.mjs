// `node tools/review/launch.mjs <entry.ts> [args...]`: runs a TypeScript command of the review loop (render, check,
// validate, diff) from a bundle of its sources instead of through tsx's loader, which costs about half a second of
// CPU per start-up on this project (resolving and loading a hundred modules through a loader thread). The bundle is
// rebuilt whenever one of the files it was built from changes (their contents are hashed at every start).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node tools/review/launch.mjs <entry.ts> [args...]');
  process.exit(2);
}
const bundles = path.join(root, '.cache', 'review-bundles');
const name = entry.replace(/[^A-Za-z0-9]+/g, '_');
const bundleFile = path.join(bundles, `${name}.mjs`);
const recordFile = path.join(bundles, `${name}.json`);

/** One hash over the checkout's location and the contents of every source file the bundle holds. */
function fingerprint(inputs) {
  const hash = createHash('sha256').update(root);
  for (const input of inputs) {
    const file = path.join(root, input);
    hash.update(`\0${input}\0`).update(fs.existsSync(file) ? fs.readFileSync(file) : 'missing');
  }
  return hash.digest('hex');
}

function record() {
  try {
    return JSON.parse(fs.readFileSync(recordFile, 'utf8'));
  } catch {
    return undefined;
  }
}

// Each module keeps its own `import.meta.url` (the file it was written in), so paths it derives from it, such as the
// repository root, are those of the sources and not of the bundle.
const ownLocation = {
  name: 'own-import-meta-url',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: fs
        .readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

async function rebuild() {
  fs.mkdirSync(bundles, { recursive: true });
  const temporary = `${bundleFile}.${process.pid}.tmp`;
  const result = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: temporary,
    metafile: true,
    logLevel: 'warning',
    plugins: [ownLocation],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => path.relative(root, path.resolve(input)).split(path.sep).join('/'))
    .sort();
  // Renamed into place, so a concurrent start never imports half a file.
  fs.renameSync(temporary, bundleFile);
  fs.writeFileSync(`${recordFile}.${process.pid}.tmp`, JSON.stringify({ inputs, hash: fingerprint(inputs) }));
  fs.renameSync(`${recordFile}.${process.pid}.tmp`, recordFile);
}

const last = record();
if (!last || !fs.existsSync(bundleFile) || fingerprint(last.inputs) !== last.hash) await rebuild();
process.argv = [process.argv[0], path.join(root, entry), ...args];
await import(pathToFileURL(bundleFile).href);
