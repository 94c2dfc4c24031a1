import type pg from 'pg';

/** One request's claim on its (caller, Idempotency-Key): what it would be answered with if it is the first. */
export interface KeyClaim {
  readonly caller: string;
  readonly key: string;
  /** Hash of the canonical request (route and body): "the same request" means the same hash. */
  readonly requestHash: string;
  readonly eventIds: readonly string[];
  readonly acceptedAt: Date;
}

/** first: this request owns the key; replay: an identical request owned it first (answer as it was); conflict: 422. */
export type ClaimOutcome =
  | { readonly kind: 'first' | 'replay'; readonly eventIds: readonly string[]; readonly acceptedAt: Date }
  | { readonly kind: 'conflict' };

/** Where claims are decided for every replica at once (PostgreSQL in production, memory in unit tests). */
export interface KeyStore {
  /** Decides each claim, in order; claims on one key within one call are decided against the first of them. */
  claimAll(claims: readonly KeyClaim[]): Promise<ClaimOutcome[]>;
}

interface Recorded {
  readonly requestHash: string;
  readonly eventIds: readonly string[];
  readonly acceptedAt: Date;
}

function decide(claim: KeyClaim, owner: Recorded | undefined, isOwner: boolean): ClaimOutcome {
  if (owner === undefined) throw new Error(`idempotency key of ${claim.caller} is neither recorded nor claimed`);
  if (owner.requestHash !== claim.requestHash) return { kind: 'conflict' };
  return { kind: isOwner ? 'first' : 'replay', eventIds: owner.eventIds, acceptedAt: owner.acceptedAt };
}

const slot = (caller: string, key: string): string => `${caller}\n${key}`;

const INSERT_CLAIMS = `
  INSERT INTO idempotency_keys (caller, idempotency_key, request_hash, event_ids, accepted_at)
  SELECT c.caller, c.idempotency_key, c.request_hash, string_to_array(c.event_ids, ',')::uuid[], c.accepted_at
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
    AS c(caller, idempotency_key, request_hash, event_ids, accepted_at)
  ON CONFLICT (caller, idempotency_key) DO NOTHING
  RETURNING caller, idempotency_key`;

const SELECT_CLAIMED = `
  SELECT k.caller, k.idempotency_key, k.request_hash, k.event_ids::text[] AS event_ids, k.accepted_at
  FROM idempotency_keys k
  JOIN unnest($1::text[], $2::text[]) AS w(caller, idempotency_key) USING (caller, idempotency_key)`;

/**
 * The keys in PostgreSQL, shared by every API replica and surviving restarts: one INSERT … ON CONFLICT DO NOTHING for
 * a whole flush of claims, then one SELECT for the keys someone claimed before. A concurrent claim on the same key by
 * another replica (or another flush of this one) waits on the primary key and then reads the winner's row, so exactly
 * one request is ever `first`. Rows are inserted in key order, so flushes sharing keys cannot deadlock.
 */
export class PostgresKeyStore implements KeyStore {
  constructor(private readonly pool: pg.Pool) {}

  async claimAll(claims: readonly KeyClaim[]): Promise<ClaimOutcome[]> {
    const leaders = new Map<string, KeyClaim>();
    for (const claim of claims)
      if (!leaders.has(slot(claim.caller, claim.key))) leaders.set(slot(claim.caller, claim.key), claim);
    // One lock order for every flush, on every replica: two flushes that share keys wait for each other, never deadlock.
    const toInsert = [...leaders.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
    const inserted = await this.pool.query<{ caller: string; idempotency_key: string }>(INSERT_CLAIMS, [
      toInsert.map((c) => c.caller),
      toInsert.map((c) => c.key),
      toInsert.map((c) => c.requestHash),
      toInsert.map((c) => c.eventIds.join(',')),
      toInsert.map((c) => c.acceptedAt),
    ]);
    const owned = new Set(inserted.rows.map((r) => slot(r.caller, r.idempotency_key)));
    const recorded = new Map<string, Recorded>();
    for (const claim of toInsert)
      if (owned.has(slot(claim.caller, claim.key))) recorded.set(slot(claim.caller, claim.key), claim);
    const earlier = toInsert.filter((c) => !owned.has(slot(c.caller, c.key)));
    if (earlier.length > 0) {
      const found = await this.pool.query<{
        caller: string;
        idempotency_key: string;
        request_hash: string;
        event_ids: string[];
        accepted_at: Date;
      }>(SELECT_CLAIMED, [earlier.map((c) => c.caller), earlier.map((c) => c.key)]);
      for (const row of found.rows)
        recorded.set(slot(row.caller, row.idempotency_key), {
          requestHash: row.request_hash,
          eventIds: row.event_ids,
          acceptedAt: row.accepted_at,
        });
    }
    return claims.map((claim) => {
      const id = slot(claim.caller, claim.key);
      return decide(claim, recorded.get(id), owned.has(id) && leaders.get(id) === claim);
    });
  }
}

/** The same rules in memory: for unit tests, never for a process that has replicas. */
export class InMemoryKeyStore implements KeyStore {
  readonly recorded = new Map<string, Recorded>();

  async claimAll(claims: readonly KeyClaim[]): Promise<ClaimOutcome[]> {
    return claims.map((claim) => {
      const id = slot(claim.caller, claim.key);
      const owner = this.recorded.get(id);
      if (owner === undefined) this.recorded.set(id, claim);
      return decide(claim, owner ?? claim, owner === undefined);
    });
  }
}

interface Waiting {
  readonly claim: KeyClaim;
  resolve(outcome: ClaimOutcome): void;
  reject(error: unknown): void;
}

/**
 * Coalesces the claims of concurrent requests into one store call per flush (two statements for up to `maxBatch`
 * requests), so the shared check costs a round trip per flush rather than per request; up to `maxConcurrentFlushes`
 * flushes run at once, so one commit's round trip does not hold back the requests that arrive meanwhile.
 */
export class KeyRegistry {
  private waiting: Waiting[] = [];
  private flushing = 0;

  constructor(
    private readonly store: KeyStore,
    private readonly maxBatch = 1000,
    private readonly maxConcurrentFlushes = 1,
  ) {}

  claim(claim: KeyClaim): Promise<ClaimOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ claim, resolve, reject });
      // One turn of the event loop first, so the claims that arrive together are decided together.
      if (this.waiting.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    while (this.waiting.length > 0 && this.flushing < this.maxConcurrentFlushes) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.flushing += 1;
      void this.decide(batch);
    }
  }

  private async decide(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.store.claimAll(batch.map((w) => w.claim));
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.flushing -= 1;
      this.flush();
    }
  }
}
