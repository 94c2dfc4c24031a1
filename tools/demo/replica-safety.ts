import type { LedgerVerdict } from '../local/ledger-check.js';
import { sendEvents } from '../local/load.js';
import { LocalPlatform } from '../local/platform.js';
import type { Replica } from '../local/worker-fleet.js';
import type { ConnectionSettings } from '../stack/settings.js';
import type { DemoOptions } from './replica-safety-options.js';

export interface TimelineEntry {
  readonly atMs: number;
  readonly action: string;
}

export interface DemoEvidence {
  readonly mode: 'before' | 'after';
  readonly options: DemoOptions;
  readonly verdict: LedgerVerdict;
  readonly deadLettered: number;
  readonly groupJoins: number;
  readonly kills: number;
  readonly killsWhileProcessing: number;
  readonly rejectedByApi: number;
  readonly elapsedMs: number;
  readonly drainMs: number;
  readonly timeline: TimelineEntry[];
  readonly logDir: string;
  readonly passed: boolean;
}

async function scrape(replica: Replica, metric: string): Promise<number | undefined> {
  try {
    const text = await (
      await fetch(`http://127.0.0.1:${replica.metricsPort}/metrics`, { signal: AbortSignal.timeout(500) })
    ).text();
    const line = text.split('\n').find((l) => l.startsWith(`${metric} `));
    return line ? Number(line.split(' ')[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the latest value of a counter per replica, so counts survive a replica's death. */
class CounterWatch {
  private readonly last = new Map<string, number>();

  constructor(private readonly metric: string) {}

  async poll(replicas: readonly Replica[]): Promise<void> {
    await Promise.all(
      replicas
        .filter((r) => r.process.alive)
        .map(async (r) => {
          const value = await scrape(r, this.metric);
          if (value !== undefined) this.last.set(r.process.name, value);
        }),
    );
  }

  of(replica: Replica): number {
    return this.last.get(replica.process.name) ?? 0;
  }

  total(): number {
    return [...this.last.values()].reduce((a, b) => a + b, 0);
  }
}

const sleepUntil = (due: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));

/**
 * The replica-safety proof: drive load through the API while the worker is scaled up and replicas are SIGKILLed,
 * wait until the group has committed everything, then compare the ledger with the events the API acknowledged.
 */
export async function runReplicaSafetyDemo(
  options: DemoOptions,
  connection: ConnectionSettings,
  logDir: string,
  say: (line: string) => void,
): Promise<DemoEvidence> {
  const started = Date.now();
  const timeline: TimelineEntry[] = [];
  const note = (action: string): void => {
    timeline.push({ atMs: Date.now() - started, action });
    say(`  +${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${action}`);
  };

  const platform = await LocalPlatform.start({
    connection,
    label: `demo-${options.mode}`,
    partitions: options.partitions,
    mode: options.mode,
    logDir,
  });
  try {
    note(
      `topic ${platform.scenario.topic} (${options.partitions} partitions), database ${platform.scenario.database}, API at ${platform.api.url}`,
    );
    const joins = new CounterWatch('worker_rebalances_total');
    const processed = new CounterWatch('worker_events_processed_total');
    const first = options.scaleSteps[0]?.replicas ?? 1;
    for (let i = 0; i < first; i += 1) await platform.fleet.startReady();
    note(`worker scaled to ${first} replica(s), mode ${options.mode}`);

    const sendStart = Date.now();
    const load = sendEvents({
      url: platform.api.url,
      events: options.events,
      concurrency: options.concurrency,
      accounts: options.accounts,
      spreadOverMs: options.sendMs,
    });
    note(`sending ${options.events} events over ${options.sendMs / 1000} s`);

    const actions = [
      ...options.scaleSteps.slice(1).map((s) => ({ at: s.at, kind: 'scale' as const, replicas: s.replicas })),
      ...options.killsAt.map((at) => ({ at, kind: 'kill' as const, replicas: 0 })),
    ].sort((a, b) => a.at - b.at);

    let kills = 0;
    let killsWhileProcessing = 0;
    const poller = setInterval(() => {
      void joins.poll(platform.fleet.all);
      void processed.poll(platform.fleet.all);
    }, 500);
    try {
      for (const action of actions) {
        await sleepUntil(sendStart + action.at * options.sendMs);
        if (action.kind === 'scale') {
          await platform.fleet.scale(action.replicas);
          note(`worker scaled to ${action.replicas} replicas`);
          continue;
        }
        const live = platform.fleet.all.filter((r) => r.process.alive);
        const victimIndex = Math.floor(Math.random() * live.length);
        const victim = live[victimIndex]!;
        // "Mid-batch": the victim applied events within the last moment, so it had work in flight when it died.
        const before = processed.of(victim);
        await processed.poll([victim]);
        const busy =
          processed.of(victim) > before || (await scrape(victim, 'worker_events_processed_total')) !== before;
        await platform.fleet.kill(victimIndex);
        kills += 1;
        if (busy) killsWhileProcessing += 1;
        note(`SIGKILL ${victim.process.name}${busy ? ' while it was applying events' : ''}; starting a replacement`);
        await platform.fleet.start();
      }
      const sent = await load;
      note(`load finished: ${sent.accepted.length} accepted, ${sent.rejected} refused, ${sent.retried} retried`);
      const drainMs = await platform.waitForDrain(300_000);
      note(`consumer lag is zero (drained in ${(drainMs / 1000).toFixed(1)} s)`);
      await joins.poll(platform.fleet.all);

      const verdict = await platform.verdict(sent.accepted);
      const dlqOffsets = await platform.admin.fetchTopicOffsets(platform.scenario.deadLetterTopic);
      const deadLettered = dlqOffsets.reduce((n, p) => n + Number(p.high), 0);
      const passed =
        options.mode === 'after'
          ? verdict.lost === 0 &&
            verdict.duplicatedEffects === 0 &&
            verdict.balanceMismatches === 0 &&
            verdict.unexpected === 0
          : verdict.lost === 0;
      return {
        mode: options.mode,
        options,
        verdict,
        deadLettered,
        groupJoins: joins.total(),
        kills,
        killsWhileProcessing,
        rejectedByApi: sent.rejected,
        elapsedMs: Date.now() - started,
        drainMs,
        timeline,
        logDir,
        passed,
      };
    } finally {
      clearInterval(poller);
    }
  } finally {
    await platform.stop();
  }
}
