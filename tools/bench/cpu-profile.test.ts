import { describe, expect, it } from 'vitest';
import type { CpuProfile } from './cpu-profile.js';
import { placeOf, summarizeProfile } from './cpu-profile.js';

const frame = (id: number, functionName: string, url: string) => ({
  id,
  callFrame: { functionName, url, lineNumber: 9 },
});

describe('placeOf', () => {
  it('names the npm package, the repository folder, Node itself or V8', () => {
    expect(placeOf('file:///app/node_modules/kafkajs/src/protocol/decoder.js', 'readInt32')).toBe('kafkajs');
    expect(placeOf('file:///app/node_modules/@platformatic/kafka/dist/x.js', 'f')).toBe('@platformatic/kafka');
    expect(placeOf('file:///work/main/services/worker/messages.ts', 'f')).toBe('services/worker');
    expect(placeOf('node:internal/streams/readable', 'f')).toBe('node:internal');
    expect(placeOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(placeOf('', 'digest')).toBe('(native)');
  });
});

describe('summarizeProfile', () => {
  it('ranks self time by place and by function, idle samples left out', () => {
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(idle)', ''),
        frame(2, 'decode', 'file:///a/node_modules/kafkajs/src/d.js'),
        frame(3, 'parse', 'file:///a/services/worker/messages.ts'),
        frame(4, '(garbage collector)', ''),
      ],
      samples: [1, 1, 1, 1, 2, 2, 2, 3, 4, 1],
      timeDeltas: [],
    };
    const summary = summarizeProfile(profile);
    expect(summary.busySamples).toBe(5);
    expect(summary.byPlace).toEqual([
      { name: 'kafkajs', share: 0.6 },
      { name: 'services/worker', share: 0.2 },
      { name: '(garbage collector)', share: 0.2 },
    ]);
    expect(summary.byFunction[0]).toEqual({ name: 'decode kafkajs:10', share: 0.6 });
  });
});
