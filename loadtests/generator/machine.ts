import fs from 'node:fs';
import os from 'node:os';

/** Microseconds during which some runnable task waited for a CPU (Linux PSI, /proc/pressure/cpu), if the kernel says. */
function cpuStallMicros(): number | undefined {
  try {
    const some = fs.readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0]!;
    return Number(/total=(\d+)/.exec(some)?.[1]);
  } catch {
    return undefined;
  }
}

export interface MachineDuringRun {
  readonly cpus: number;
  readonly loadAverage: number;
  /**
   * Share of the run's time during which at least one task on the machine was ready to run and waited for a CPU
   * (0 = never, 1 = always); null where the kernel does not report pressure. Near 1, every latency includes queueing
   * for the machine: the numbers describe the machine's crowd as much as the system under test.
   */
  readonly cpuPressure: number | null;
}

/** Starts watching the machine; the returned function says what it was like from then on. */
export function watchMachine(): () => MachineDuringRun {
  const stallAtStart = cpuStallMicros();
  const startedAt = performance.now();
  return () => {
    const stall = cpuStallMicros();
    const elapsedMicros = (performance.now() - startedAt) * 1000;
    const pressure =
      stall === undefined || stallAtStart === undefined ? null : Math.min(1, (stall - stallAtStart) / elapsedMicros);
    return {
      cpus: os.cpus().length,
      loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
      cpuPressure: pressure === null ? null : Math.round(pressure * 100) / 100,
    };
  };
}
