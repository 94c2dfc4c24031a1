import { outcome } from './charts.js';
import type { ChartColour } from './palette.js';
import { AFTER, BEFORE } from './palette.js';
import type { AutoscalingPreview, ProfilePreview } from './preview.js';
import type { Simulation } from './simulate.js';
import { SAMPLE_SECONDS } from './simulate.js';

// The preview in a pull-request comment: per profile a Mermaid xychart GitHub draws, read in two seconds (a short
// title stating the need and the bound, each line's colour named in the text right above it), then the outcomes.

/** Every other sample (30 s) keeps a 10-minute chart readable. */
const EVERY = 2;

/** Before and after equal at more than this share of the samples hide each other: then one chart per side. */
const OVERLAP_SHARE = 0.5;

interface Line {
  readonly colour: ChartColour;
  readonly label: string;
  readonly values: readonly number[];
}

const every = <T>(values: readonly T[]) => values.filter((_, i) => i % EVERY === 0);

/** `10`, or `10 → 15` when the sides differ. */
function change(before: number | undefined, after: number | undefined): string {
  if (before === undefined || after === undefined || before === after) return String(before ?? after);
  return `${before} → ${after}`;
}

/** The title a reviewer reads first: the profile, the replicas it needs and the most the bounds allow. */
function title(profile: string, before: Simulation | undefined, after: Simulation | undefined): string {
  return `${profile}: needs ${change(before?.neededReplicas, after?.neededReplicas)}, max ${change(before?.limit, after?.limit)}`;
}

function xyChart(title: string, top: number, lines: readonly Line[]): string[] {
  const samples = lines[0]!.values.length;
  const minutes = every(Array.from({ length: samples }, (_, i) => (i * SAMPLE_SECONDS) / 60));
  return [
    '```mermaid',
    '---',
    'config:',
    '  xyChart:',
    '    height: 320',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${lines.map((l) => l.colour.hex).join(', ')}"`,
    '---',
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis "minutes" [${minutes.map((m) => `"${Number(m.toFixed(1))}"`).join(', ')}]`,
    `  y-axis "replicas" 0 --> ${top}`,
    ...lines.map((l) => `  line [${every(l.values).join(', ')}]`),
    '```',
  ];
}

const legend = (lines: readonly Line[]) =>
  lines.map((l) => `${l.colour.square} ${l.colour.name}: ${l.label}`).join(', ');

const overlapShare = (a: readonly number[], b: readonly number[]) =>
  a.filter((v, i) => v === b[i]).length / Math.max(1, a.length);

/** The charts of one profile: both sides in one, or one per side when their lines would hide each other. */
function profileCharts(profile: ProfilePreview): string[] {
  const { before, after } = profile;
  // The axis reaches what the profile needs, so a line capped below it shows the gap.
  const top = Math.max(1, ...[before, after].flatMap((s) => (s ? [...s.replicas, s.neededReplicas] : [])));
  const intro = `**${profile.profile}** (${profile.description}), replicas every ${SAMPLE_SECONDS * EVERY} s`;
  const lineOf = (colour: ChartColour, label: string, s: Simulation): Line => ({ colour, label, values: s.replicas });
  if (before && after && before.replicas.join() === after.replicas.join())
    return [
      `${intro}; ${legend([lineOf(BEFORE, 'before and after, the same line', before)])}:`,
      '',
      ...xyChart(title(profile.profile, before, after), top, [lineOf(BEFORE, '', before)]),
    ];
  if (before && after && overlapShare(before.replicas, after.replicas) > OVERLAP_SHARE) {
    const side = (colour: ChartColour, label: 'before' | 'after', s: Simulation) => [
      '',
      `${legend([lineOf(colour, label, s)])}:`,
      '',
      ...xyChart(title(`${profile.profile}, ${label}`, s, s), top, [lineOf(colour, label, s)]),
    ];
    return [
      `${intro}; the two sides overlap, so one chart each:`,
      ...side(BEFORE, 'before', before),
      ...side(AFTER, 'after', after),
    ];
  }
  const lines = [
    ...(before ? [lineOf(BEFORE, 'before', before)] : []),
    ...(after ? [lineOf(AFTER, 'after', after)] : []),
  ];
  return [`${intro}; ${legend(lines)}:`, '', ...xyChart(title(profile.profile, before, after), top, lines)];
}

const cell = (s: Simulation | undefined) => (s ? outcome(s) : 'no autoscaler');

/** The preview for a pull-request comment. */
export function markdownCharts(preview: AutoscalingPreview): string[] {
  return [
    `**Autoscaling preview: \`${preview.workload}\`** (\`${preview.source}\`, on ${preview.signal})`,
    ...preview.profiles.flatMap((profile) => [
      '',
      ...profileCharts(profile),
      '',
      '| | before | after |',
      '| --- | --- | --- |',
      `| ${profile.profile} | ${cell(profile.before)} | ${cell(profile.after)} |`,
    ]),
  ];
}
