import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, inject } from 'vitest';
import type { LoadResult } from '../../../tools/local/load.js';
import type { PlatformOptions } from '../../../tools/local/platform.js';
import { LocalPlatform } from '../../../tools/local/platform.js';
import { loadStackSettings } from '../../../tools/stack/stack.js';

/** What every fault test shares: the stack it breaks, a platform per test, and the exact-ledger assertion. */

export const connection = inject('stack');
export const stackSettings = loadStackSettings();
export const logDir = path.join(os.tmpdir(), 'fault-tests');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startPlatform(
  label: string,
  options: Partial<Omit<PlatformOptions, 'connection' | 'label' | 'logDir'>> = {},
): Promise<LocalPlatform> {
  return LocalPlatform.start({ connection, label, logDir, partitions: 4, mode: 'after', ...options });
}

/** The value of one metric sample on a worker's or the API's /metrics (0 when the series does not exist). */
export async function metric(url: string, name: string, labels = ''): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name}{`)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

/** The sum of every sample of a metric (all label values). */
export async function metricSum(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

/**
 * The ledger is exact: every event the API answered 2xx for is applied once, nothing else is applied, balances match,
 * the dead-letter topic holds exactly `deadLettered` messages, and no worker process ended on its own.
 */
export async function expectExactLedger(
  platform: LocalPlatform,
  load: Pick<LoadResult, 'accepted'> & Partial<Pick<LoadResult, 'rejected'>>,
  deadLettered = 0,
): Promise<void> {
  await platform.waitForDrain(120_000);
  const verdict = await platform.verdict(load.accepted);
  const deadLetters = await platform.deadLetterCount();
  // One line per scenario, the evidence behind docs/services.md's fault table: `cat reports/fault-ledger.jsonl`.
  fs.mkdirSync('reports', { recursive: true });
  fs.appendFileSync(
    'reports/fault-ledger.jsonl',
    `${JSON.stringify({
      scenario: expect.getState().currentTestName,
      sent: load.accepted.length + (load.rejected ?? 0) + deadLettered,
      answered2xx: load.accepted.length,
      applied: verdict.applied,
      duplicated: verdict.duplicatedEvents,
      deadLettered: deadLetters,
    })}\n`,
  );
  expect(verdict).toStrictEqual({
    accepted: load.accepted.length,
    applied: load.accepted.length,
    duplicatedEffects: 0,
    duplicatedEvents: 0,
    lost: 0,
    unexpected: 0,
    balanceMismatches: 0,
    balanceError: '0',
  });
  expect(deadLetters).toBe(deadLettered);
  expect(platform.fleet.unexpectedExits()).toStrictEqual([]);
}
