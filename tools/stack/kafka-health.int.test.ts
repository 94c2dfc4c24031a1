import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// The stack's health check in a process of its own, as `stack:up`, the bench and the load tool run it.
const CHECK = `
import { kafkaAnswers } from './tools/stack/kafka.js';
import { loadStackSettings } from './tools/stack/stack.js';
console.log(await kafkaAnswers(loadStackSettings()) ? 'answers' : 'silent');
`;

describe("the local stack's Kafka health check", () => {
  it('answers without arming the idle kafkajs timer whose negative delay Node warns about', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', CHECK],
      { timeout: 30_000 },
    );
    expect(stdout.trim()).toBe('answers');
    // kafkajs#1751: every answered request re-arms a timer at `throttledUntil - now`, negative when nothing waits.
    expect(stderr).not.toContain('TimeoutNegativeWarning');
  });
});
