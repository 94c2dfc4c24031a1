import { describe, expect, it } from 'vitest';
import { markdownCharts } from './markdown-charts.js';
import type { Simulation } from './simulate.js';
import { simulation } from './testing.js';

const chartsOf = (before: Simulation | undefined, after: Simulation | undefined) =>
  markdownCharts({
    workload: 'api',
    source: 'HorizontalPodAutoscaler/events-staging/api',
    signal: 'CPU utilization',
    profiles: [{ profile: 'ramp', description: '0 → 10000/s over 60 s', before, after }],
  }).join('\n');

/** Each chart with the paragraph right above it (its legend). */
const charts = (markdown: string) =>
  [...markdown.matchAll(/([^\n]+)\n\n```mermaid\n([\s\S]*?)```/g)].map(([, legend, source]) => ({
    legend: legend!,
    title: /\n {2}title "(.*)"\n/.exec(source!)![1],
    palette: /plotColorPalette: "(.*)"/.exec(source!)![1],
    lines: [...source!.matchAll(/\n {2}line \[(.*)\]/g)].map((m) => m[1]),
    top: Number(/y-axis "replicas" 0 --> (\d+)/.exec(source!)![1]),
  }));

describe('the autoscaling preview in the pull-request comment', () => {
  const before = simulation([2, 4, 6, 6, 6, 6], 10, 6);
  const after = simulation([2, 4, 4, 4, 5, 5], 15, 4);

  it('titles a chart with the profile, the replicas it needs and the most the bounds allow, short enough to fit', () => {
    const [chart] = charts(chartsOf(before, after));
    expect(chart?.title).toBe('ramp: needs 10 → 15, max 6 → 4');
  });

  it('draws before in blue and after in orange, and says so in the text right above the chart', () => {
    const [chart, ...others] = charts(chartsOf(before, after));
    expect(others).toStrictEqual([]);
    expect(chart?.palette).toBe('#1f77b4, #ff7f0e');
    expect(chart?.lines).toStrictEqual(['2, 6, 6', '2, 4, 5']);
    expect(chart?.legend).toMatch(/^\*\*ramp\*\* \(0 → 10000\/s over 60 s\).*🟦 blue: before, 🟧 orange: after:$/);
  });

  it('reaches up to what the profile needs, so a line capped below it shows the gap', () => {
    expect(charts(chartsOf(before, after))[0]?.top).toBe(15);
  });

  it('draws one chart per side, on the same scale, when the two lines would hide each other', () => {
    const overlapping = simulation([2, 4, 6, 6, 6, 5], 10, 6);
    const [first, second, ...others] = charts(chartsOf(before, overlapping));
    expect(others).toStrictEqual([]);
    expect([first?.title, first?.palette, first?.legend]).toStrictEqual([
      'ramp, before: needs 10, max 6',
      '#1f77b4',
      '🟦 blue: before:',
    ]);
    expect([second?.title, second?.palette, second?.legend]).toStrictEqual([
      'ramp, after: needs 10, max 6',
      '#ff7f0e',
      '🟧 orange: after:',
    ]);
    expect(first?.top).toBe(second?.top);
  });

  it('draws one line when both sides do the same, and says so', () => {
    const [chart, ...others] = charts(chartsOf(before, simulation([2, 4, 6, 6, 6, 6], 10, 8)));
    expect(others).toStrictEqual([]);
    expect(chart?.lines).toHaveLength(1);
    expect(chart?.legend).toMatch(/🟦 blue: before and after, the same line:$/);
    expect(chart?.title).toBe('ramp: needs 10, max 6 → 8');
  });

  it('draws the one side there is when the other has no autoscaler', () => {
    const [chart] = charts(chartsOf(undefined, after));
    expect([chart?.title, chart?.palette]).toStrictEqual(['ramp: needs 15, max 4', '#ff7f0e']);
    expect(chartsOf(undefined, after)).toContain('| ramp | no autoscaler | peak 5 replicas, needs 15, capped at 4');
  });
});
