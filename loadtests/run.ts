import { eventRequest } from './events.js';
import type { TrafficShape } from './events.js';
import type { OpenModelResult, SecondSample } from './generator/open-model.js';
import { runOpenModel } from './generator/open-model.js';
import { constant } from './generator/schedule.js';
import { Tally } from './generator/tally.js';
import type { Plan } from './profiles.js';
import { BOUNDS, breakpointSteps } from './profiles.js';
import type { Limits, Threshold } from './thresholds.js';
import { check, evaluateThresholds } from './thresholds.js';

export interface LoadSettings {
  readonly origin: URL;
  readonly plan: Plan;
  readonly shape: TrafficShape;
  readonly limits: Limits;
  readonly connections: number;
  readonly timeoutMs: number;
  /** breakpoint: the knee must reach this rate (the SLO's "p95 < 200 ms at 10,000 req/s"). */
  readonly minKneeRate: number;
}

export interface BreakpointStep {
  readonly rate: number;
  readonly ok: boolean;
  readonly broken: string[];
  readonly latencyMs: { p50: number; p95: number; p99: number; max: number };
  readonly errorRatio: number;
}

/** What a run measured, before the ledger is checked. */
export interface LoadRun {
  readonly tally: Tally;
  readonly sent: number;
  readonly elapsedMs: number;
  readonly seconds: SecondSample[];
  /** Per request n: LEDGER_FATE. */
  readonly fates: Uint8Array;
  /** The tally the latency thresholds apply to (the knee's step for a breakpoint run). */
  readonly judged: Tally;
  readonly breakpoint?: { readonly kneeRate: number; readonly steps: BreakpointStep[] };
}

function openModel(
  settings: LoadSettings,
  stages: Parameters<typeof runOpenModel>[0]['stages'],
  offset: number,
  log: (line: string) => void,
) {
  return runOpenModel({
    origin: settings.origin,
    stages,
    request: (n) => eventRequest(settings.shape, offset + n),
    connections: settings.connections,
    maxOutstanding: settings.connections * 64,
    maxArrivals: BOUNDS.maxArrivals - offset,
    timeoutMs: settings.timeoutMs,
    onSecond: (s) =>
      log(
        `${s.t.toFixed(0).padStart(5)} s  offered ${String(s.offeredRate).padStart(6)}/s  2xx ${String(s.accepted).padStart(6)}  shed ${String(s.shed).padStart(6)}  errors ${String(s.errors).padStart(5)}  outstanding ${String(s.outstanding).padStart(5)}  p99 ${s.latencyMs.p99} ms`,
      ),
  });
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/** Raises the rate step by step; the knee is the last rate whose step kept every threshold. */
async function runBreakpoint(settings: LoadSettings, log: (line: string) => void): Promise<LoadRun> {
  if (settings.plan.kind !== 'breakpoint') throw new Error('not a breakpoint plan');
  const plan = settings.plan;
  const total = new Tally();
  const results: OpenModelResult[] = [];
  const steps: BreakpointStep[] = [];
  let knee: { rate: number; result: OpenModelResult } | undefined;
  let offset = 0;
  const seconds: SecondSample[] = [];
  for (const rate of breakpointSteps(plan)) {
    log(`-- step ${rate}/s for ${plan.stepMs / 1000} s`);
    const result = await openModel(settings, [constant(rate, plan.stepMs)], offset, log);
    offset += result.sent;
    results.push(result);
    const elapsed = seconds.at(-1)?.t ?? 0;
    seconds.push(...result.seconds.map((s) => ({ ...s, t: s.t + elapsed })));
    const thresholds = evaluateThresholds(
      { outcomes: result.tally.outcomes, latencyMs: result.tally.summary() },
      settings.limits,
      false,
    );
    const broken = thresholds.filter((t) => !t.ok).map((t) => t.name);
    const errorRatio = thresholds.find((t) => t.name === 'error ratio')?.value ?? 0;
    steps.push({ rate, ok: broken.length === 0, broken, latencyMs: result.tally.summary(), errorRatio });
    mergeInto(total, result.tally);
    if (broken.length > 0) {
      log(`-- ${rate}/s broke: ${broken.join(', ')}`);
      break;
    }
    knee = { rate, result };
  }
  return {
    tally: total,
    sent: offset,
    elapsedMs: results.reduce((n, r) => n + r.elapsedMs, 0),
    seconds,
    fates: concat(results.map((r) => r.fates)),
    judged: knee?.result.tally ?? total,
    breakpoint: { kneeRate: knee?.rate ?? 0, steps },
  };
}

function mergeInto(total: Tally, part: Tally): void {
  for (const [key, n] of Object.entries(part.status)) total.status[key] = (total.status[key] ?? 0) + n;
  for (const [key, n] of Object.entries(part.outcomes)) total.outcomes[key as keyof Tally['outcomes']] += n;
  total.latency.add(part.latency);
  total.acceptedLatency.add(part.acceptedLatency);
}

/** Runs the plan against the target; progress lines go to `log`, one a second. */
export async function runLoad(settings: LoadSettings, log: (line: string) => void): Promise<LoadRun> {
  if (settings.plan.kind === 'breakpoint') return runBreakpoint(settings, log);
  const result = await openModel(settings, settings.plan.stages, 0, log);
  return { ...result, judged: result.tally };
}

/** The thresholds a finished run is judged by (with the ledger's findings when it was checked). */
export function judge(
  settings: LoadSettings,
  run: LoadRun,
  ledger?: Parameters<typeof evaluateThresholds>[3],
): Threshold[] {
  const sheddingAllowed = settings.plan.kind === 'schedule' && settings.plan.sheddingAllowed;
  const thresholds = evaluateThresholds(
    { outcomes: run.tally.outcomes, latencyMs: run.judged.summary() },
    settings.limits,
    sheddingAllowed,
    ledger,
  );
  if (!run.breakpoint) return thresholds;
  // A breakpoint run breaks latency and errors by design: what it must show is a knee high enough, and no 5xx or loss.
  const kneeRate = run.breakpoint.kneeRate;
  return [
    check('knee (arrivals/s within every SLO)', '>=', settings.minKneeRate, kneeRate),
    ...thresholds.filter((t) => !t.name.startsWith('latency') && !t.name.startsWith('error ratio')),
  ];
}
