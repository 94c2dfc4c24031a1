import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { startBrowser } from './browser.js';
import type { ExampleComment } from './examples.js';
import { EXAMPLES_DIR, exampleComments } from './examples.js';
import type { CommentViewer } from './view-comment.js';
import { openViewer } from './view-comment.js';

// One Chromium and one page with Mermaid loaded for the whole file: starting and loading them are the slow part.
let browser: Browser;
let viewer: CommentViewer;
let comments: ExampleComment[];
beforeAll(async () => {
  const opened = async () => {
    browser = await startBrowser();
    viewer = await openViewer(browser);
  };
  [comments] = await Promise.all([exampleComments(repoRoot), opened()]);
}, 180_000);
afterAll(async () => browser?.close());

const example = (name: string) => comments.find((c) => c.name === name)!.markdown;

describe('the example review comments under docs/review-comment', { timeout: 60_000 }, () => {
  it('are what the diff prints today (`npm run review:examples` rewrites them)', () => {
    for (const comment of comments) {
      const file = path.join(EXAMPLES_DIR, `${comment.name}.md`);
      const committed = fs.existsSync(path.join(repoRoot, file))
        ? fs.readFileSync(path.join(repoRoot, file), 'utf8')
        : '';
      expect(committed, `${file} is stale: run npm run review:examples and commit it`).toBe(comment.markdown);
    }
  });

  it('show an autoscaling change, a new network edge, a cost change and a stale-render warning', () => {
    expect(example('autoscaling')).toMatch(/```mermaid\n/);
    expect(example('network-edge')).toContain('connectivity added: worker → api : 8080/TCP');
    expect(example('cost')).toMatch(/monthly cost: \$[\d,.]+ → \$[\d,.]+/);
    expect(example('stale-render')).toContain('is stale; this diff renders it from source');
  });

  it('draw as GitHub draws them, every chart parsed, its title whole and each of its lines named', async () => {
    for (const comment of comments) {
      expect((await viewer.view(comment.markdown)).problems, comment.name).toStrictEqual([]);
    }
  });
});

describe('the rendering check', { timeout: 60_000 }, () => {
  const chart = (lines: string[]) => ['```mermaid', ...lines, '```'].join('\n');
  const AXES = ['  x-axis "minutes" ["0", "0.5", "1", "1.5"]', '  y-axis "replicas" 0 --> 6'];

  it('fails on the charts the comment had before: a title cut off, lines in colours nobody names', async () => {
    const before = [
      '**Autoscaling preview: `api`** (`HorizontalPodAutoscaler/events-staging/api`, on CPU utilization)',
      '',
      chart([
        'xychart-beta',
        '  title "ramp: 0 → 10000/s over 60 s, then 10000/s for 30 s; held at 10000/s to 10 min: replicas, line 1 before, line 2 after"',
        ...AXES,
        '  line [2, 4, 6, 6]',
        '  line [2, 4, 4, 4]',
      ]),
    ].join('\n');
    const { problems } = await viewer.view(before);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      /^chart 1 of 1 \("ramp: .*"\): the title is cut off: \d+ px of text in a 700 px wide chart$/,
    );
    expect(problems[1]).toMatch(
      /: line 1 has no legend: it is drawn in #[0-9a-f]{6}, a colour the comment never names$/,
    );
    expect(problems[2]).toMatch(/: line 2 has no legend: /);
  });

  it('fails on a line in the palette whose colour the text above its chart does not name', async () => {
    const unnamed = [
      'Replicas, 🟦 blue: before:',
      '',
      chart([
        '---',
        'config:',
        '  themeVariables:',
        '    xyChart:',
        '      plotColorPalette: "#1f77b4, #ff7f0e"',
        '---',
        'xychart-beta',
        '  title "ramp: needs 10, max 6"',
        ...AXES,
        '  line [2, 4, 6, 6]',
        '  line [2, 4, 4, 4]',
      ]),
    ].join('\n');
    expect((await viewer.view(unnamed)).problems).toStrictEqual([
      'chart 1 of 1 ("ramp: needs 10, max 6"): line 2 has no legend: the text above the chart does not say what orange is',
    ]);
  });

  it('fails on a chart Mermaid cannot parse, saying where', async () => {
    const { problems } = await viewer.view(chart(['xychart-beta', '  title "t"', '  line [2, 4, oops]']));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^chart 1 of 1: Mermaid cannot draw it: .*line 3/i);
  });
});
