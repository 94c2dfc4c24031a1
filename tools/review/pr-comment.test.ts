import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../diff/format-markdown.js';
import { withRehearsalPending, withRehearsalVerdicts } from './pr-comment.js';

const DIFF = `${COMMENT_MARKER}\n## Rendered diff: \`base\` → \`head\`\n\nNo changes.\n`;
const HEAD = 'a'.repeat(40);
const NEWER = 'b'.repeat(40);

describe("the pull request's comment", () => {
  it('is posted by the fast job with the diff and the rehearsal marked as running', () => {
    const body = withRehearsalPending(DIFF, HEAD);
    expect(body.startsWith(DIFF.trimEnd())).toBe(true);
    expect(body).toContain('**Sync rehearsal** of `aaaaaaa`: running');
  });

  it("gets the rehearsal's verdicts in place of the running line, the diff kept", () => {
    const body = withRehearsalVerdicts(withRehearsalPending(DIFF, HEAD), HEAD, '| dev | passed |');
    expect(body).toBe(`${DIFF.trimEnd()}\n\n<!-- sync-rehearsal head=${HEAD} -->\n| dev | passed |\n`);
    expect(body).not.toContain('running');
  });

  it("is left alone when a newer push's comment has replaced it", () => {
    expect(withRehearsalVerdicts(withRehearsalPending(DIFF, NEWER), HEAD, '| dev | passed |')).toBeUndefined();
  });

  it('holds the verdicts alone when the fast job posted nothing', () => {
    expect(withRehearsalVerdicts('', HEAD, '| dev | passed |')).toBe(
      `${COMMENT_MARKER}\n<!-- sync-rehearsal head=${HEAD} -->\n| dev | passed |\n`,
    );
  });
});
