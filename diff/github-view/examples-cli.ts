// `npm run review:examples`: rewrites the example review comments under docs/review-comment/ (the Markdown the diff
// prints for each example pull request, and its screenshot as GitHub would draw it); fails when a chart is broken.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../config/paths.js';
import { startBrowser } from './browser.js';
import { EXAMPLES_DIR, exampleComments } from './examples.js';
import { openViewer } from './view-comment.js';

async function main(): Promise<number> {
  const comments = await exampleComments(repoRoot);
  const browser = await startBrowser();
  let failed = 0;
  try {
    const viewer = await openViewer(browser);
    fs.mkdirSync(path.join(repoRoot, EXAMPLES_DIR), { recursive: true });
    for (const comment of comments) {
      const view = await viewer.view(comment.markdown);
      const file = path.join(EXAMPLES_DIR, comment.name);
      fs.writeFileSync(path.join(repoRoot, `${file}.md`), comment.markdown);
      fs.writeFileSync(path.join(repoRoot, `${file}.png`), view.png);
      console.log(`${file}.md, ${file}.png`);
      for (const problem of view.problems) console.error(`  ${file}.md: ${problem}`);
      failed += view.problems.length;
    }
  } finally {
    await browser.close();
  }
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`review:examples: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
