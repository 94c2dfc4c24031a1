import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type { Browser } from 'playwright-core';
import { COLOUR_NAMES } from '../autoscaling/palette.js';

const require = createRequire(import.meta.url);
const IN_PAGE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'in-page.js');

/** The width of a comment's body on a pull request's conversation page, on a desktop screen. */
export const COMMENT_WIDTH_PX = 880;

/** The comment's HTML as GitHub makes it: GitHub Flavored Markdown, its raw HTML (`<details>`) kept. */
export function commentHtml(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** An empty comment box styled as GitHub styles comments. */
function emptyPage(): string {
  const css = fs.readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
  return [
    '<!doctype html><html><head><meta charset="utf-8"><style>',
    css,
    'body { margin: 0; background: #ffffff; }',
    `.markdown-body { box-sizing: border-box; width: ${COMMENT_WIDTH_PX}px; padding: 16px; }`,
    '</style></head><body><article class="markdown-body"></article></body></html>',
  ].join('\n');
}

/** What a reviewer would see broken in a comment, and a picture of it. */
export interface CommentView {
  /** Empty when every chart parses, fits its title and names each of its lines' colours in the text above it. */
  readonly problems: string[];
  readonly png: Buffer;
}

export interface CommentViewer {
  /** Draws a comment as GitHub would (its Markdown, then its `mermaid` blocks) and checks its charts. */
  view(markdown: string): Promise<CommentView>;
  close(): Promise<void>;
}

/** One page with Mermaid loaded, reused for every comment: loading Mermaid is most of a page's cost. */
export async function openViewer(browser: Browser): Promise<CommentViewer> {
  const page = await browser.newPage({ viewport: { width: COMMENT_WIDTH_PX, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`the page failed: ${error.message}`));
  await page.setContent(emptyPage());
  await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
  await page.addScriptTag({ path: IN_PAGE });
  return {
    async view(markdown) {
      errors.length = 0;
      // Strings, so nothing of this module's compiled code has to exist in the page.
      await page.evaluate(`document.querySelector('article').innerHTML = ${JSON.stringify(commentHtml(markdown))}`);
      const problems = await page.evaluate<string[]>(`window.drawAndCheckCharts(${JSON.stringify(COLOUR_NAMES)})`);
      const png = await page.locator('article').screenshot();
      return { problems: [...errors, ...problems], png };
    },
    close: () => page.close(),
  };
}
