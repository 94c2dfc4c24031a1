import { describe, expect, it } from 'vitest';
import {
  MAX_ROUND_TRIP_MS,
  QUEUE_NUM,
  RULE_COMMENT,
  delayRuleSpec,
  delayerCommand,
  oneWayDelayMicros,
  parseRoundTripMs,
} from './round-trip-delay.js';

describe('the round-trip delay on loopback', () => {
  it('queues TCP packets from or to the given ports, in either direction, to its NFQUEUE with a bypass', () => {
    expect(delayRuleSpec([29192, 25532])).toStrictEqual([
      'OUTPUT',
      '-o',
      'lo',
      '-p',
      'tcp',
      '-m',
      'multiport',
      '--ports',
      '25532,29192',
      '-m',
      'comment',
      '--comment',
      RULE_COMMENT,
      '-j',
      'NFQUEUE',
      '--queue-num',
      String(QUEUE_NUM),
      '--queue-bypass',
    ]);
  });

  it('delays each packet by half the round trip, so a request and its answer together wait the whole of it', () => {
    expect(oneWayDelayMicros(1)).toBe(500);
    expect(oneWayDelayMicros(0.6)).toBe(300);
    expect(delayerCommand(40).slice(-2)).toStrictEqual([String(QUEUE_NUM), '20000']);
  });

  it('refuses no ports, more than multiport takes, and ports outside TCP range', () => {
    expect(() => delayRuleSpec([])).toThrow(/1 to 15 TCP ports, got \[\]/);
    expect(() => delayRuleSpec(Array.from({ length: 16 }, (_, i) => 20000 + i))).toThrow(/1 to 15 TCP ports/);
    expect(() => delayRuleSpec([0])).toThrow(/got \[0\]/);
    expect(() => delayRuleSpec([70000])).toThrow(/got \[70000\]/);
  });

  it('takes a positive round trip in milliseconds up to the cap, and names what it got otherwise', () => {
    expect(parseRoundTripMs('1')).toBe(1);
    expect(parseRoundTripMs('0.6')).toBe(0.6);
    expect(parseRoundTripMs(String(MAX_ROUND_TRIP_MS))).toBe(MAX_ROUND_TRIP_MS);
    for (const bad of ['0', '-1', 'abc', '', '1ms', String(MAX_ROUND_TRIP_MS + 1)])
      expect(() => parseRoundTripMs(bad)).toThrow(`got '${bad}'`);
  });
});
