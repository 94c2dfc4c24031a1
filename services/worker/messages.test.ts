import { describe, expect, it } from 'vitest';
import { DEAD_LETTER_HEADERS } from '../shared/kafka/headers.js';
import { classifyMessages, deadLetterMessage, firstOccurrences } from './messages.js';
import { eventMessage, id, rawMessage } from './testing.js';

describe('classifyMessages', () => {
  it('separates events that follow the contract from poison, keeping each message whole', () => {
    const { valid, poison } = classifyMessages([eventMessage(0, id(1)), rawMessage(1, 'nope'), eventMessage(2, id(2))]);
    expect(valid.map((v) => v.event.id)).toStrictEqual([id(1), id(2)]);
    expect(poison).toHaveLength(1);
    expect(poison[0]).toMatchObject({ kind: 'invalid', attempts: 1, source: { offset: '1' } });
  });
});

describe('firstOccurrences', () => {
  it('keeps the first copy of an event id repeated within a batch', () => {
    const { valid } = classifyMessages([eventMessage(0, id(1)), eventMessage(1, id(1)), eventMessage(2, id(2))]);
    const { unique, repeats } = firstOccurrences(valid);
    expect(unique.map((u) => u.source.offset)).toStrictEqual(['0', '2']);
    expect(repeats).toBe(1);
  });

  it('returns a chunk without a repeated id whole and in order', () => {
    const { valid } = classifyMessages([eventMessage(0, id(3)), eventMessage(1, id(1)), eventMessage(2, id(2))]);
    expect(firstOccurrences(valid)).toStrictEqual({ unique: valid, repeats: 0, conflicts: [] });
  });

  it('finds a repeat and a reused id with another body at the end of a chunk of distinct ids', () => {
    const distinct = Array.from({ length: 50 }, (_, n) => eventMessage(n, id(n + 1)));
    const { valid } = classifyMessages([
      ...distinct,
      eventMessage(50, id(7)),
      eventMessage(51, id(9), 'acc-1', 99),
      eventMessage(52, id(51)),
    ]);
    const { unique, repeats, conflicts } = firstOccurrences(valid);
    expect(unique.map((u) => u.source.offset)).toStrictEqual([...distinct.map((m) => m.offset), '52']);
    expect(repeats).toBe(1);
    expect(conflicts.map((c) => c.source.offset)).toStrictEqual(['51']);
  });
});

describe('deadLetterMessage', () => {
  it('keeps the original key and bytes and puts the error and the origin in headers', () => {
    const source = rawMessage(41, 'garbage');
    const message = deadLetterMessage(
      { source, kind: 'invalid', error: 'value is not JSON', attempts: 1 },
      new Date('2026-11-23T10:00:00Z'),
    );
    expect(message).toStrictEqual({
      key: null,
      value: Buffer.from('garbage'),
      headers: {
        [DEAD_LETTER_HEADERS.error]: 'value is not JSON',
        [DEAD_LETTER_HEADERS.errorKind]: 'invalid',
        [DEAD_LETTER_HEADERS.attempts]: '1',
        [DEAD_LETTER_HEADERS.originalTopic]: 'events',
        [DEAD_LETTER_HEADERS.originalPartition]: '0',
        [DEAD_LETTER_HEADERS.originalOffset]: '41',
        [DEAD_LETTER_HEADERS.failedAt]: '2026-11-23T10:00:00.000Z',
      },
    });
  });
});
