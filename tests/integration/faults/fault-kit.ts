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

/**
 * The ledger is exact: every event the API answered 2xx for is applied once, nothing else is applied, balances match,
 * the dead-letter topic holds exactly `deadLettered` messages, and no worker process ended on its own.
 */
export async function expectExactLedger(
  platform: LocalPlatform,
  load: Pick<LoadResult, 'accepted'>,
  deadLettered = 0,
): Promise<void> {
  await platform.waitForDrain(120_000);
  expect(await platform.verdict(load.accepted)).toStrictEqual({
    accepted: load.accepted.length,
    applied: load.accepted.length,
    duplicatedEffects: 0,
    duplicatedEvents: 0,
    lost: 0,
    unexpected: 0,
    balanceMismatches: 0,
    balanceError: '0',
  });
  expect(await platform.deadLetterCount()).toBe(deadLettered);
  expect(platform.fleet.unexpectedExits()).toStrictEqual([]);
}
