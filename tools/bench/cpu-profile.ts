import fs from 'node:fs';
import path from 'node:path';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) a summary needs. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileShare {
  /** A function (`name file:line`) or a place (`kafkajs`, `node:internal`, `services/worker`). */
  readonly name: string;
  /** Its share of the samples taken while the process ran JavaScript or was in V8/Node (idle excluded). */
  readonly share: number;
}

export interface ProfileSummary {
  readonly busySamples: number;
  readonly byPlace: ProfileShare[];
  readonly byFunction: ProfileShare[];
}

/** Where a frame's code lives: an npm package, a folder of this repository, Node's own code, or V8's states. */
export function placeOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  if (url.startsWith('node:')) return 'node:' + (url.slice(5).split('/')[0] ?? '');
  const file = url.replace(/^file:\/\//, '');
  const parts = file.split(path.sep);
  const top = parts.findIndex((p) => p === 'services' || p === 'tools' || p === 'loadtests' || p === 'dist');
  return top >= 0 ? parts.slice(top, top + 2).join('/') : path.basename(file);
}

/**
 * Self time per function and per place, as shares of the samples in which the process was not idle. Pure: one
 * profile in, the ranking out. `(idle)` and `(program)` are V8's names for waiting and for its own bookkeeping.
 */
export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const id of profile.samples) {
    const frame = byId.get(id);
    if (frame === undefined || frame.functionName === '(idle)') continue;
    busy += 1;
    const place = placeOf(frame.url, frame.functionName);
    places.set(place, (places.get(place) ?? 0) + 1);
    const fn = `${frame.functionName || '(anonymous)'} ${place}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + 1);
  }
  const ranked = (counts: Map<string, number>): ProfileShare[] =>
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name, share: busy === 0 ? 0 : n / busy }));
  return { busySamples: busy, byPlace: ranked(places), byFunction: ranked(functions) };
}

export function formatProfileSummary(file: string, summary: ProfileSummary): string {
  const pct = (s: number): string => `${(s * 100).toFixed(1).padStart(5)} %`;
  return [
    `${file}: ${summary.busySamples} busy samples`,
    '  by place:',
    ...summary.byPlace.map((p) => `    ${pct(p.share)}  ${p.name}`),
    '  by function (self time):',
    ...summary.byFunction.map((p) => `    ${pct(p.share)}  ${p.name}`),
  ].join('\n');
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
}
