import { describe, expect, it } from 'vitest';
import { logExcerpt } from './pod-diagnosis.js';

const stack = Array.from({ length: 14 }, (_, i) => `    at frame${i} (node:internal/x:${i}:1)`);

describe('logExcerpt', () => {
  it("leads with the error's message when a long stack trace pushed it out of the last lines", () => {
    // Regression: a write outside /tmp showed twelve lines of stack and never the EROFS message.
    const log = ['starting', "Error: EROFS: read-only file system, open '/app/x'", ...stack, 'Node.js v24.18.0'].join(
      '\n',
    );
    const excerpt = logExcerpt(log, 12).split('\n');
    expect(excerpt[0]).toBe("Error: EROFS: read-only file system, open '/app/x'");
    expect(excerpt[1]).toBe('…');
    expect(excerpt.at(-1)).toBe('Node.js v24.18.0');
  });

  it('is the plain end of the log when the message is already in it', () => {
    const log = ['a', 'b', 'TypeError: x is not a function', 'c'].join('\n');
    expect(logExcerpt(log, 3)).toBe(['b', 'TypeError: x is not a function', 'c'].join('\n'));
  });
});
