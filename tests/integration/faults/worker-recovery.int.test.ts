import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sendEvents } from '../../../tools/local/load.js';
import type { LocalPlatform } from '../../../tools/local/platform.js';
import { expectExactLedger, startPlatform } from './fault-kit.js';

describe('a SIGKILLed worker, with the default settings', { timeout: 120_000 }, () => {
  let platform: LocalPlatform | undefined;
  afterEach(async () => {
    await platform?.stop();
    platform = undefined;
  });

  it('has its partitions processed again by the survivors within 10 s', async () => {
    platform = await startPlatform('recovery', { partitions: 4 });
    await platform.fleet.startReady();
    await platform.fleet.startReady();
    await platform.waitForDrain();
    // Both replicas own partitions now; the oldest dies as a node loss would take it.
    await platform.fleet.kill(0);
    const killedAt = Date.now();
    const load = await sendEvents({ url: platform.api.url, events: 200, concurrency: 8, accounts: 40 });
    await platform.waitForDrain(60_000);
    const recoverySeconds = (Date.now() - killedAt) / 1000;
    fs.mkdirSync('reports', { recursive: true });
    fs.writeFileSync('reports/worker-recovery.json', `${JSON.stringify({ recoverySeconds })}\n`);
    expect(recoverySeconds).toBeLessThan(10);
    await expectExactLedger(platform, load);
  });
});
