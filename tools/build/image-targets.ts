/** The targets of images/Dockerfile, one image each. */
export const IMAGE_TARGETS = ['api', 'worker', 'drills', 'loadgen'] as const;
export type ImageTarget = (typeof IMAGE_TARGETS)[number];

/**
 * The entry points each image runs (TypeScript sources; the image holds their compiled `dist/<path>.js`). An image
 * carries these entries' compiled code and the production packages they import, nothing else: anything a container
 * started from the image runs must be listed here. tools/build/image-targets.test.ts checks this list against the
 * Dockerfile's commands and every command the render gives a container.
 */
export const TARGET_ENTRIES: Readonly<Record<ImageTarget, readonly string[]>> = {
  // The bootstrap PreSync Job (migrations, topics) runs in the api image (generators/components/bootstrap.ts).
  api: ['services/api/main.ts', 'services/bootstrap/main.ts'],
  // The worker's init container waits for the schema (generators/components/worker.ts).
  worker: ['services/worker/main.ts', 'services/bootstrap/schema-ready.ts'],
  drills: ['services/drills/main.ts'],
  loadgen: ['loadtests/main.ts'],
};

/** The compiled file of an entry point, relative to the image's working directory (`/app`). */
export function compiledEntry(source: string): string {
  return `dist/${source.replace(/\.ts$/, '.js')}`;
}
