/** What the worker depends on while it applies events; each can be out while the worker itself is fine. */
export type Dependency = 'database' | 'dead_letter_topic';

/**
 * Remembers which dependency is failing and since when, so /readyz can say "waiting for the database since …" while
 * the worker rides through an outage (alive, not ready), and turns ready again on the first success.
 */
export class DependencyHealth {
  private readonly failing = new Map<Dependency, { since: Date; reason: string }>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  failed(dependency: Dependency, reason: string): void {
    const known = this.failing.get(dependency);
    this.failing.set(dependency, { since: known?.since ?? this.now(), reason });
  }

  succeeded(dependency: Dependency): void {
    this.failing.delete(dependency);
  }

  isFailing(dependency: Dependency): boolean {
    return this.failing.has(dependency);
  }

  /** Undefined when every dependency answers; otherwise one line per failing one. */
  notReadyReason(): string | undefined {
    if (this.failing.size === 0) return undefined;
    return [...this.failing]
      .map(
        ([dependency, { since, reason }]) =>
          `${dependency.replaceAll('_', ' ')} failing since ${since.toISOString()} (${reason})`,
      )
      .join('; ');
  }
}
