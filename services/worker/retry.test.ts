import { describe, expect, it } from 'vitest';
import { backoffDelay, classifyFailure, failureReason } from './retry.js';

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt and caps it', () => {
    const ceiling = (attempt: number) => backoffDelay(attempt, 100, 1000, () => 1);
    expect([1, 2, 3, 4, 5, 10].map(ceiling)).toStrictEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('jitters below the ceiling', () => {
    expect(backoffDelay(3, 100, 1000, () => 0.5)).toBe(200);
    expect(backoffDelay(3, 100, 1000, () => 0)).toBe(0);
  });
});

describe('classifyFailure', () => {
  it.each([
    ['connection refused', { code: 'ECONNREFUSED' }],
    ['connection reset', { code: 'ECONNRESET' }],
    ['host unreachable', { code: 'EHOSTUNREACH' }],
    ['network timeout', { code: 'ETIMEDOUT' }],
    ['connection failure', { code: '08006' }],
    ['deadlock', { code: '40P01' }],
    ['serialization failure', { code: '40001' }],
    ['administrator shutdown (a restart)', { code: '57P01' }],
    ['read-only transaction (a failover)', { code: '25006' }],
    ['password authentication failed (a rotation)', { code: '28P01' }],
    ['statement timeout', { code: '57014' }],
    ['lock timeout', { code: '55P03' }],
    ['too many connections', { code: '53300' }],
    ['a missing table (an unmigrated schema)', { code: '42P01' }],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['a plain bug', new TypeError('x is undefined')],
    ['something that is not an error', 'boom'],
  ])('treats %s as transient: the event is not to blame', (_name, error) => {
    expect(classifyFailure(error)).toBe('transient');
  });

  it.each([
    ['numeric out of range', { code: '22003' }],
    ['an invalid datetime', { code: '22007' }],
    ['a check violation', { code: '23514' }],
    ['a not-null violation', { code: '23502' }],
  ])('treats %s as poison: the event itself is refused', (_name, error) => {
    expect(classifyFailure(error)).toBe('poison');
  });
});

describe('failureReason', () => {
  it('labels failures by code, never by their free text', () => {
    expect(failureReason({ code: '25006' })).toBe('sqlstate_25006');
    expect(failureReason({ code: 'ECONNRESET' })).toBe('econnreset');
    expect(failureReason(new Error('timeout exceeded when trying to connect'))).toBe('timeout');
    expect(failureReason(new Error('Connection terminated unexpectedly'))).toBe('connection');
    expect(failureReason(new Error('x'))).toBe('other');
  });
});
