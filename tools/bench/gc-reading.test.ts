import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeGc, gcCounts, peakRssMiB, threadTicks } from './gc-reading.js';

describe('gcCounts', () => {
  it("reads the full collections and scavenges prom-client's GC histogram counted", () => {
    const text = [
      '# TYPE nodejs_gc_duration_seconds histogram',
      'nodejs_gc_duration_seconds_bucket{le="0.001",kind="minor"} 300',
      'nodejs_gc_duration_seconds_sum{kind="minor"} 0.97',
      'nodejs_gc_duration_seconds_count{kind="minor"} 318',
      'nodejs_gc_duration_seconds_count{kind="incremental"} 40',
      'nodejs_gc_duration_seconds_count{kind="major"} 21',
    ].join('\n');
    expect(gcCounts(text)).toStrictEqual({ major: 21, minor: 318 });
    expect(gcCounts('# nothing collected yet')).toStrictEqual({ major: 0, minor: 0 });
  });
});

/** A fake /proc with one process of three threads (the main one has the process's id), names with spaces. */
function fakeProc(): string {
  const proc = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-reading-'));
  const stat = (tid: number, name: string, utime: number, stime: number) =>
    `${tid} (${name}) S 1 ${tid} ${tid} 0 -1 4194560 100 0 0 0 ${utime} ${stime} 0 0 20 0 11 0 100 0 0\n`;
  for (const [tid, name, utime, stime] of [
    [400, 'node', 300, 20],
    [401, 'V8 DefaultWorke', 90, 5],
    [402, 'libuv-worker', 0, 0],
  ] as const) {
    fs.mkdirSync(path.join(proc, '400', 'task', String(tid)), { recursive: true });
    fs.writeFileSync(path.join(proc, '400', 'task', String(tid), 'stat'), stat(tid, name, utime, stime));
  }
  fs.writeFileSync(path.join(proc, '400', 'status'), 'Name:\tnode\nVmPeak:\t 900000 kB\nVmHWM:\t  186368 kB\n');
  return proc;
}

describe('threadTicks and peakRssMiB', () => {
  it("split a process's CPU into its main thread and the rest, and read its peak RSS", () => {
    const proc = fakeProc();
    expect(threadTicks(400, proc)).toStrictEqual({ main: 320, others: 95 });
    expect(peakRssMiB(400, proc)).toBe(182);
    expect(peakRssMiB(999, proc)).toBe(0);
  });

  it('read this very process from the real /proc', () => {
    const { main, others } = threadTicks(process.pid);
    expect(main + others).toBeGreaterThan(0);
    expect(peakRssMiB(process.pid)).toBeGreaterThan(10);
  });
});

describe('describeGc', () => {
  it('says what the reading holds', () => {
    expect(describeGc({ fullCollections: 21, scavenges: 318, otherThreadsShare: 0.254, peakRssMiB: 182 })).toBe(
      'garbage collection: 21 full collections, 318 scavenges; threads besides the main one 25 % of its CPU; peak RSS 182 MiB',
    );
  });
});
