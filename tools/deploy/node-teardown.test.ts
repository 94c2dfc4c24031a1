import { describe, expect, it } from 'vitest';
import type { ProcessEntry } from './node-teardown.js';
import { shimsAndContainers } from './node-teardown.js';
import { isRehearsalSocket } from './real-node.js';

const SOCKET = '/tmp/sync-check-dev-AbC123/containerd/containerd.sock';
const shim = (pid: number, socket: string): ProcessEntry => ({
  pid,
  ppid: 1,
  args: ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'k8s.io', '-id', `id${pid}`, '-address', socket],
});

describe('the node teardown', () => {
  const processes: ProcessEntry[] = [
    shim(100, SOCKET),
    { pid: 101, ppid: 100, args: ['/pause'] },
    { pid: 102, ppid: 100, args: ['node', 'services/api/main.js'] },
    shim(200, '/run/containerd/containerd.sock'),
    { pid: 201, ppid: 200, args: ['nginx'] },
    { pid: 300, ppid: 1, args: ['containerd', '--address', SOCKET] },
  ];

  it("finds the rehearsal's shims by their socket, and the containers they started", () => {
    expect(shimsAndContainers(processes, (s) => s === SOCKET)).toStrictEqual({ shims: [100], containers: [101, 102] });
  });

  it("leaves another containerd's shims and containers alone", () => {
    expect(shimsAndContainers(processes, isRehearsalSocket)).toStrictEqual({ shims: [100], containers: [101, 102] });
  });

  it("knows a rehearsal's containerd socket from any other", () => {
    expect(isRehearsalSocket(SOCKET)).toBe(true);
    expect(isRehearsalSocket('/run/containerd/containerd.sock')).toBe(false);
    expect(isRehearsalSocket('/tmp/sync-check-dev-x/other/containerd.sock')).toBe(false);
  });
});
