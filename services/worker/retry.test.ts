import { describe, expect, it } from 'vitest';
import { backoffDelay, isTransientDatabaseError } from './retry.js';

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

describe('isTransientDatabaseError', () => {
  it.each([
    ['connection refused', { code: 'ECONNREFUSED' }],
    ['connection failure SQLSTATE', { code: '08006' }],
    ['deadlock', { code: '40P01' }],
    ['serialization failure', { code: '40001' }],
    ['server shutting down', { code: '57P01' }],
    ['too many connections', { code: '53300' }],
    ['terminated connection', new Error('Connection terminated unexpectedly')],
  ])('retries %s', (_name, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    ['numeric out of range', { code: '22003' }],
    ['check violation', { code: '23514' }],
    ['syntax error', { code: '42601' }],
    ['a plain bug', new TypeError('x is undefined')],
  ])('does not treat %s as transient', (_name, error) => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });
});
