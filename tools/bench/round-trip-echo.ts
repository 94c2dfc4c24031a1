// `npx tsx tools/bench/round-trip-echo.ts 0.5 1 2` (root): the round trip an echo actually takes through the delay
// `--round-trip-ms` would apply, for each round trip given, next to none: what the delaying process adds on this machine.
import { parseRoundTripMs, withRoundTripDelay } from './round-trip-delay.js';
import { echoRoundTrip, startEchoServer } from './round-trip-probe.js';

const SAMPLES = 500;

async function main(): Promise<void> {
  const stated = process.argv.slice(2).map(parseRoundTripMs);
  if (stated.length === 0) throw new Error('usage: round-trip-echo.ts <round trip in ms>...');
  const echo = await startEchoServer();
  try {
    const none = await echoRoundTrip(echo.port, SAMPLES);
    console.log(`none: p50 ${none.p50Ms} ms, p90 ${none.p90Ms} ms (${SAMPLES} round trips)`);
    for (const ms of stated) {
      const got = await withRoundTripDelay([echo.port], ms, () => echoRoundTrip(echo.port, SAMPLES));
      console.log(`${ms} ms stated: p50 ${got.p50Ms} ms, p90 ${got.p90Ms} ms`);
    }
  } finally {
    await echo.close();
  }
}

main().catch((error: unknown) => {
  console.error(`round-trip-echo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
