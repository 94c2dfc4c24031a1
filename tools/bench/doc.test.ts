import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/settings.js';
import { BEGIN, DOC, END, performanceSection, withSection } from './doc.js';
import { readRuns } from './record.js';

describe('docs/performance.md', () => {
  it('holds exactly the section the recorded runs give (regenerate: npm run bench -- --render-doc)', () => {
    const document = fs.readFileSync(path.join(repoRoot, DOC), 'utf8');
    const section = document.slice(document.indexOf(BEGIN), document.indexOf(END) + END.length);
    expect(section).toBe(performanceSection(readRuns(repoRoot)));
  });

  it('draws its charts from the numbers of the latest run, not by hand', () => {
    const runs = readRuns(repoRoot);
    const latest = runs.at(-1)!.report;
    const section = performanceSection(runs);
    expect(section).toContain(`line [${latest.e2e.map((e) => e.p99Ms).join(', ')}]`);
    expect(section).toContain(`bar [${latest.worker.eventsPerSec}, ${latest.worker.twoReplicasEventsPerSec}, `);
  });

  it('replaces only the generated section, keeping the prose around it', () => {
    const document = `# Title\n\nprose before\n\n${BEGIN}\nold numbers\n${END}\n\nprose after\n`;
    expect(withSection(document, `${BEGIN}\nnew numbers\n${END}`)).toBe(
      `# Title\n\nprose before\n\n${BEGIN}\nnew numbers\n${END}\n\nprose after\n`,
    );
  });
});
