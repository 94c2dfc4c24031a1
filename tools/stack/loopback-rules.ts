import { execFileSync } from 'node:child_process';

/**
 * The iptables rules the local tools put on loopback traffic (a packet-drop fault, a round-trip delay): each in the
 * OUTPUT chain on `lo` (both directions of a loopback connection leave through it) and tagged with its tool's comment,
 * so a run that died before removing its rules leaves nothing the next run cannot find and remove.
 */

export function iptables(args: string[]): string {
  // -w: wait for the xtables lock instead of failing when another tool's iptables call holds it.
  return execFileSync('iptables', ['-w', '5', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The first line of a failed command's error output (or of its message). */
export const firstLine = (error: unknown): string =>
  String((error as { stderr?: string }).stderr || (error as Error).message).split('\n')[0]!;

/** Why this machine cannot add loopback rules, or undefined when it can (root and a working iptables). */
export function loopbackRulesUnavailable(withoutRoot: string): string | undefined {
  if (process.getuid?.() !== 0) return withoutRoot;
  try {
    iptables(['-S', 'OUTPUT']);
    return undefined;
  } catch (error) {
    return `iptables does not work here: ${firstLine(error)}`;
  }
}

/** A rule (the arguments after -A, -I, -C or -D) for TCP on loopback: `match`, tagged `comment`, then `target`. Pure. */
export function loopbackRule(match: readonly string[], comment: string, target: readonly string[]): string[] {
  return ['OUTPUT', '-o', 'lo', '-p', 'tcp', ...match, '-m', 'comment', '--comment', comment, '-j', ...target];
}

/** The OUTPUT rules tagged `comment`, as `iptables -S` prints them. */
export function taggedRules(comment: string): string[] {
  return iptables(['-S', 'OUTPUT'])
    .split('\n')
    .filter((line) => line.startsWith('-A OUTPUT ') && line.includes(`--comment ${comment}`));
}

// iptables -S quotes a comment with spaces; the tools' comments have none, but a quoted word must lose its quotes.
const unquote = (word: string): string => word.replace(/^"(.*)"$/, '$1');

/** Removes every OUTPUT rule tagged `comment`, a live run's or a dead one's; returns how many it removed. */
export function removeTaggedRules(comment: string): number {
  const rules = taggedRules(comment);
  // `-S` prints each rule as the arguments that add it: the same arguments after -D delete it.
  for (const line of rules) iptables(['-D', ...line.split(/\s+/).slice(1).map(unquote)]);
  return rules.length;
}
