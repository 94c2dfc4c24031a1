import type { DemoEvidence } from './replica-safety.js';

const number = (n: number | string) => Number(n).toLocaleString('en-US');

/** The result as a plain table and a one-line verdict. Pure. */
export function formatReport(e: DemoEvidence): string {
  const v = e.verdict;
  const rows: [string, string][] = [
    ['accepted events (2xx)', number(v.accepted)],
    ['applied (distinct events)', number(v.applied)],
    ['duplicated effects', `${number(v.duplicatedEffects)} (${number(v.duplicatedEvents)} events)`],
    ['lost', number(v.lost)],
    ['dead-lettered', number(e.deadLettered)],
    ['balance mismatches', `${number(v.balanceMismatches)} accounts, off by ${number(v.balanceError)} minor units`],
    ['rebalances (group joins)', number(e.groupJoins)],
    ['kills (SIGKILL)', `${e.kills} (${e.killsWhileProcessing} while applying events)`],
    ['elapsed', `${(e.elapsedMs / 1000).toFixed(1)} s (drain ${(e.drainMs / 1000).toFixed(1)} s)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const table = rows.map(([k, value]) => `  ${k.padEnd(width)}  ${value}`).join('\n');
  return `replica-safety, mode ${e.mode}\n${table}\n${verdictLine(e)}`;
}

export function verdictLine(e: DemoEvidence): string {
  const v = e.verdict;
  if (e.mode === 'before') {
    return v.duplicatedEffects > 0
      ? `verdict: the naive worker applied ${number(v.duplicatedEffects)} effects twice or more — scaling it is unsafe`
      : 'verdict: no duplicates this run (no kill landed between an effect and its offset commit); run again or add kills';
  }
  return e.passed
    ? `verdict: exactly once — ${number(v.accepted)} accepted, ${number(v.applied)} applied, 0 lost, 0 duplicated`
    : `verdict: FAILED — ${number(v.lost)} lost, ${number(v.duplicatedEffects)} duplicated effects, ${number(v.balanceMismatches)} wrong balances`;
}
