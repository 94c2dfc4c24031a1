import { COMMENT_MARKER } from '../../diff/format-markdown.js';

// The pull request's one comment is written twice: within minutes by the fast job (the rendered diff, validated, with
// the rehearsal marked as running), and again when the long job ends (its verdicts in place of that line). The
// rehearsal's section names the head it belongs to, so a late long job never writes an older push's verdicts into a
// newer push's comment.

const SECTION = /<!-- sync-rehearsal head=([0-9a-f]+) -->[\s\S]*$/;

const sectionStart = (head: string) => `<!-- sync-rehearsal head=${head} -->`;

/** The rendered diff with the rehearsal marked as running: what the fast job posts. */
export function withRehearsalPending(diffMarkdown: string, head: string): string {
  return [
    diffMarkdown.trimEnd(),
    '',
    sectionStart(head),
    `**Sync rehearsal** of \`${head.slice(0, 7)}\`: running (\`.ci/run\`, about 25 minutes); its verdicts replace this line when it ends.`,
    '',
  ].join('\n');
}

/**
 * The comment with the rehearsal's verdicts for `head` in place of its section, or undefined when the comment belongs
 * to another push (a newer one has been posted since). Without a comment yet, one that holds the verdicts alone.
 */
export function withRehearsalVerdicts(current: string, head: string, verdicts: string): string | undefined {
  const section = [sectionStart(head), verdicts.trim(), ''].join('\n');
  if (current.trim() === '') return [COMMENT_MARKER, section].join('\n');
  const match = SECTION.exec(current);
  if (match && match[1] !== head) return undefined;
  return match ? `${current.slice(0, match.index)}${section}` : `${current.trimEnd()}\n\n${section}`;
}
