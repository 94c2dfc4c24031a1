// kafkajs as patches/kafkajs@2.2.4.patch leaves it: each record's offset and timestamp must be the ones 64-bit
// arithmetic gives (the batch's first value plus the record's delta, as a decimal string), a batch must keep the
// messages at or past the fetched offset, for every value, and kafkajs's Long must be left out where a Number is exact.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';

const require = createRequire(import.meta.url);
interface LongValue {
  toString(): string;
}
interface LongClass {
  fromValue(value: unknown): LongValue;
}
type Encoder = { buffer: Buffer };
const Long = require('kafkajs/src/utils/long') as LongClass;
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => unknown;
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (batch: object) => Promise<Encoder>;
};
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: object) => Encoder;
const decodeRecordBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (
  decoder: unknown,
) => Promise<{ records: { offset: string; timestamp: string; value: Buffer }[] }>;
const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder') as (
  decoder: unknown,
  batchContext: object,
) => { offset: string; timestamp: string };
const TimestampTypes = require('kafkajs/src/protocol/timestampTypes') as { LOG_APPEND_TIME: number };
const Batch = require('kafkajs/src/consumer/batch') as new (
  topic: string,
  fetchedOffset: string,
  partitionData: object,
) => { messagesWithinOffset: { offset: string }[] };

const TWO_53 = 2n ** 53n;

interface Case {
  readonly firstOffset: bigint;
  readonly firstTimestamp: bigint;
  readonly offsetDeltas: readonly number[];
  readonly timestampDeltas: readonly bigint[];
}

/** A batch as the broker sends it, encoded by kafkajs's own encoder, decoded by the (patched) decoder. */
async function roundTrip({ firstOffset, firstTimestamp, offsetDeltas, timestampDeltas }: Case) {
  const records = offsetDeltas.map((offsetDelta, i) =>
    Record({
      offsetDelta,
      timestampDelta: Long.fromValue(timestampDeltas[i]!.toString()),
      key: null,
      value: Buffer.from(`record ${i}`),
    }),
  );
  const batch = await RecordBatch({
    firstOffset: Long.fromValue(firstOffset.toString()),
    firstTimestamp: Long.fromValue(firstTimestamp.toString()),
    maxTimestamp: Long.fromValue(firstTimestamp.toString()),
    lastOffsetDelta: Math.max(...offsetDeltas),
    records,
  });
  return (await decodeRecordBatch(new Decoder(batch.buffer))).records;
}

const expected = ({ firstOffset, firstTimestamp, offsetDeltas, timestampDeltas }: Case) =>
  offsetDeltas.map((delta, i) => ({
    offset: (firstOffset + BigInt(delta)).toString(),
    timestamp: (firstTimestamp + timestampDeltas[i]!).toString(),
  }));

// Deltas of every varint length, both signs for timestamps (a varlong of 1 to 9 bytes), sums on both sides of 2^53.
const TIMESTAMP_DELTAS = [
  0n,
  1n,
  -1n,
  63n,
  -64n,
  64n,
  8191n,
  2n ** 31n,
  -(2n ** 40n),
  2n ** 48n - 1n,
  2n ** 48n,
  -(2n ** 48n),
  2n ** 55n,
  -(2n ** 62n),
];
const CASES: Case[] = [
  { firstOffset: 0n, firstTimestamp: 1_764_979_200_000n },
  { firstOffset: 41n, firstTimestamp: -1n },
  { firstOffset: TWO_53 - 20n, firstTimestamp: TWO_53 - 3n },
  { firstOffset: TWO_53 + 5n, firstTimestamp: TWO_53 + 1n },
  { firstOffset: 2n ** 63n - 2n ** 31n - 1n, firstTimestamp: 2n ** 62n },
].map((base) => ({
  ...base,
  offsetDeltas: TIMESTAMP_DELTAS.map((_, i) => [0, 1, 19, 20, 127, 128, 16_384, 2 ** 31 - 1][i % 8]!),
  timestampDeltas: TIMESTAMP_DELTAS,
}));

describe("kafkajs's record decoder, as patched", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(CASES)(
    'gives every record the offset and timestamp of 64-bit arithmetic: first offset $firstOffset, first timestamp $firstTimestamp',
    async (c) => {
      const records = await roundTrip(c);
      expect(records.map(({ offset, timestamp }) => ({ offset, timestamp }))).toEqual(expected(c));
      expect(records.map((r) => r.value.toString())).toEqual(c.offsetDeltas.map((_, i) => `record ${i}`));
    },
  );

  it('keeps each batch its own first values when batches are decoded one after another', async () => {
    const [a, b] = [CASES[0]!, CASES[3]!];
    const [first, second, third] = [await roundTrip(a), await roundTrip(b), await roundTrip(a)];
    expect([first, second, third].map((rs) => rs.map((r) => r.offset))).toEqual(
      [a, b, a].map((c) => expected(c).map((r) => r.offset)),
    );
  });

  it('keeps each batch its own first values when compressed batches are decoded at once', async () => {
    // A compressed batch's records are decoded after an await (the decompression): several in flight interleave.
    const GZIP = 1;
    const encoded = await Promise.all(CASES.map((c) => encodeOnly(c, GZIP)));
    const decoded = await Promise.all(encoded.map((batch) => decodeRecordBatch(new Decoder(batch.buffer))));
    expect(decoded.map(({ records }) => records.map(({ offset, timestamp }) => ({ offset, timestamp })))).toEqual(
      CASES.map(expected),
    );
  });

  it("gives the batch's max timestamp to every record when the broker sets it (log append time)", () => {
    const record = Record({ offsetDelta: 3, timestampDelta: 7, key: null, value: Buffer.from('x') });
    const decoder = new Decoder(record.buffer) as { readVarInt(): number };
    decoder.readVarInt(); // the record's length, as the batch decoder reads it
    const decoded = decodeRecord(decoder, {
      firstOffset: '100',
      firstTimestamp: '5',
      maxTimestamp: '1764979200000',
      timestampType: TimestampTypes.LOG_APPEND_TIME,
    });
    expect({ offset: decoded.offset, timestamp: decoded.timestamp }).toEqual({
      offset: '103',
      timestamp: '1764979200000',
    });
  });

  it('leaves out the Long arithmetic where a Number is exact, and only there', async () => {
    const small = await encodeOnly({ ...CASES[0]!, offsetDeltas: [0, 1, 2], timestampDeltas: [0n, 5n, -5n] });
    const large = await encodeOnly({ ...CASES[3]!, offsetDeltas: [0], timestampDeltas: [0n] });
    const fromValue = vi.spyOn(Long, 'fromValue'); // after the encoding, which uses it

    const decoded = await decodeRecordBatch(new Decoder(small.buffer));
    expect(decoded.records.map((r) => [r.offset, r.timestamp])).toEqual([
      ['0', '1764979200000'],
      ['1', '1764979200005'],
      ['2', '1764979199995'],
    ]);
    expect(fromValue).not.toHaveBeenCalled();

    await decodeRecordBatch(new Decoder(large.buffer));
    expect(fromValue).toHaveBeenCalled();
  });
});

async function encodeOnly(c: Case, compression = 0): Promise<Encoder> {
  return RecordBatch({
    compression,
    firstOffset: Long.fromValue(c.firstOffset.toString()),
    firstTimestamp: Long.fromValue(c.firstTimestamp.toString()),
    maxTimestamp: Long.fromValue(c.firstTimestamp.toString()),
    lastOffsetDelta: Math.max(...c.offsetDeltas),
    records: c.offsetDeltas.map((offsetDelta, i) =>
      Record({ offsetDelta, timestampDelta: Long.fromValue(c.timestampDeltas[i]!.toString()), key: null, value: null }),
    ),
  });
}

describe("kafkajs's batch, as patched: the messages at or past the fetched offset", () => {
  afterEach(() => vi.restoreAllMocks());

  const batchOf = (fetchedOffset: string, offsets: readonly string[]) =>
    new Batch('events', fetchedOffset, {
      partition: 0,
      highWatermark: '0',
      abortedTransactions: [],
      messages: offsets.map((offset) => ({ offset, key: null, value: null, isControlRecord: false, batchContext: {} })),
    });

  it.each([
    ['5', ['3', '4', '5', '6', '100']],
    [(TWO_53 - 2n).toString(), [TWO_53 - 3n, TWO_53 - 2n, TWO_53 - 1n, TWO_53, TWO_53 + 1n].map(String)],
    [(TWO_53 + 1n).toString(), [TWO_53 - 1n, TWO_53, TWO_53 + 1n, TWO_53 + 2n].map(String)],
    ['0', ['0', '1', (2n ** 63n - 1n).toString()]],
  ])('from %s: those whose 64-bit offset is not below it', (fetchedOffset, offsets) => {
    const kept = batchOf(fetchedOffset, offsets).messagesWithinOffset.map((m) => m.offset);
    expect(kept).toEqual(offsets.filter((o) => BigInt(o) >= BigInt(fetchedOffset)));
  });

  it('compares without the Long arithmetic where a Number is exact', () => {
    const fromValue = vi.spyOn(Long, 'fromValue');
    batchOf('5', ['3', '4', '5', '6']);
    expect(fromValue).toHaveBeenCalledTimes(1); // the fetched offset, once per batch
  });
});
