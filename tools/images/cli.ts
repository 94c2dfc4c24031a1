// `npm run images:build -- [--env E] [--ca-bundle PEM] [--containerd SOCKET] [--target T]...`: builds every image of
// images/Dockerfile here (tools/images/build.ts), prints progress and a table.
import { parseArgs } from 'node:util';
import type { ImageTarget } from '../build/image-targets.js';
import { IMAGE_TARGETS } from '../build/image-targets.js';
import type { BuiltImage } from './build.js';
import { buildImages } from './build.js';

const USAGE = `usage: npm run images:build -- [--env E] [--ca-bundle PEM] [--containerd SOCKET] [--target T]...
  --env E              name the images as environment E's render does (default dev)
  --ca-bundle PEM      put this CA bundle where the images expect RDS's (default: fetch RDS's from AWS)
  --containerd SOCKET  load the images into this containerd's k8s.io namespace
  --target T           build only this target (repeatable; ${IMAGE_TARGETS.join(', ')})`;

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The summary table: one row per image. */
export function imageTable(images: readonly BuiltImage[]): string {
  const rows = [
    ['target', 'reference', 'size', 'build time', 'cached'],
    ...images.map((i) => [
      i.target,
      i.reference,
      megabytes(i.sizeBytes),
      `${i.buildSeconds} s`,
      i.cached ? 'yes' : 'no',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        env: { type: 'string', default: 'dev' },
        'ca-bundle': { type: 'string' },
        containerd: { type: 'string' },
        target: { type: 'string', multiple: true, default: [] },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const unknown = values.target.filter((t) => !(IMAGE_TARGETS as readonly string[]).includes(t));
  if (unknown.length > 0) {
    console.error(`unknown target ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const started = performance.now();
  const images = await buildImages({
    env: values.env,
    caBundleFile: values['ca-bundle'],
    containerdSocket: values.containerd,
    targets: values.target.length > 0 ? (values.target as ImageTarget[]) : undefined,
    log: (line) => console.log(`[images] ${line}`),
  });
  console.log(
    `\n${imageTable(images)}\n\n${images.length} images in ${Math.round((performance.now() - started) / 100) / 10} s`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[images] ${(error as Error).message}`);
    process.exit(1);
  },
);
