import { createRequire } from 'node:module';
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

// The workflow's helper for actions/github-script, against a stand-in for its GitHub client.
const sticky = createRequire(import.meta.url)('./sticky-comment.cjs') as {
  MARKER: string;
  read(args: object): Promise<string>;
  upsert(args: object): Promise<void>;
};

function fakeGithub(bodies: string[]) {
  const comments = bodies.map((body, id) => ({ id, body }));
  const rest = {
    issues: {
      listComments: () => undefined,
      updateComment: ({ comment_id, body }: { comment_id: number; body: string }) => {
        comments[comment_id]!.body = body;
      },
      createComment: ({ body }: { body: string }) => {
        comments.push({ id: comments.length, body });
      },
    },
  };
  const github = { paginate: async () => comments, rest };
  const context = { repo: { owner: 'acme', repo: 'events' }, issue: { number: 7 } };
  return { comments, args: { github, context } };
}

describe('the sticky comment of the workflow', () => {
  it("is found by the rendered diff's own marker", () => {
    expect(sticky.MARKER).toBe(COMMENT_MARKER);
  });

  it('is read and replaced in place, other comments left alone', async () => {
    const { comments, args } = fakeGithub(['looks good', `${COMMENT_MARKER}\nold`]);
    expect(await sticky.read(args)).toBe(`${COMMENT_MARKER}\nold`);
    await sticky.upsert({ ...args, body: `${COMMENT_MARKER}\nnew` });
    expect(comments.map((c) => c.body)).toStrictEqual(['looks good', `${COMMENT_MARKER}\nnew`]);
  });

  it('is created when there is none, and reads as empty before', async () => {
    const { comments, args } = fakeGithub([]);
    expect(await sticky.read(args)).toBe('');
    await sticky.upsert({ ...args, body: `${COMMENT_MARKER}\nfirst` });
    expect(comments).toHaveLength(1);
  });
});
