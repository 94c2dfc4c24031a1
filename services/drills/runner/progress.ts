/** Progress lines while a drill runs: `[chaos +  12.3 s] SIGKILL worker-3`, written as they happen. */
export type Say = (line: string) => void;

export function progressPrinter(kind: string, write: (line: string) => void = console.log, now = Date.now): Say {
  const started = now();
  return (line) => write(`[${kind} +${((now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
}

/** Seconds between two instants, rounded to milliseconds. */
export function secondsBetween(from: Date, to: Date): number {
  return Math.round(to.getTime() - from.getTime()) / 1000;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
