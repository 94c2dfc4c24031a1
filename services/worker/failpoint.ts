/**
 * Fault injection for the crash tests and the replica-safety demo: once the process has applied `threshold` events,
 * it kills itself with SIGKILL, at the worst moment (effects written, offsets not committed). Off unless configured.
 */
export class Failpoint {
  private applied = 0;

  constructor(
    private readonly threshold: number | undefined,
    private readonly crash: () => void = () => process.kill(process.pid, 'SIGKILL'),
  ) {}

  afterApplied(count: number): void {
    if (this.threshold === undefined) return;
    this.applied += count;
    if (this.applied >= this.threshold) this.crash();
  }
}
