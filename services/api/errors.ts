/** Every error the API answers with: one registry, so codes and statuses stay consistent and documented. */
export const API_ERRORS = {
  INVALID_BODY: { status: 400, message: 'the request body does not follow the event contract' },
  INVALID_JSON: { status: 400, message: 'the request body is not valid JSON' },
  BAD_REQUEST: { status: 400, message: 'the request is malformed' },
  INVALID_IDEMPOTENCY_KEY: { status: 400, message: 'Idempotency-Key must be 1 to 128 visible ASCII characters' },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    message:
      'send an Idempotency-Key header (1 to 128 visible ASCII characters, unique per event or batch): it is what makes a retry safe',
  },
  UNAUTHENTICATED: { status: 401, message: 'send Authorization: Bearer <token> with a token this API accepts' },
  NOT_FOUND: { status: 404, message: 'no such route' },
  BODY_TOO_LARGE: { status: 413, message: 'the request body is larger than the API accepts' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'send the body as application/json' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'this Idempotency-Key was used with a different body' },
  OVERLOADED: {
    status: 503,
    message:
      'the API is at capacity (requests in progress, or events waiting for Kafka); nothing was accepted, retry later with the same Idempotency-Key',
  },
  KAFKA_UNAVAILABLE: {
    status: 503,
    message:
      'the event log did not confirm the events, so they may still be applied; retry with the same Idempotency-Key: a retry never applies an event twice',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    message: 'the idempotency store is unavailable; nothing was accepted, retry later with the same Idempotency-Key',
  },
  SHUTTING_DOWN: { status: 503, message: 'this replica is shutting down; retry on another' },
  INTERNAL: { status: 500, message: 'internal error' },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ApiErrorCode,
    detail?: string,
  ) {
    super(detail ?? API_ERRORS[code].message);
    this.statusCode = API_ERRORS[code].status;
  }

  /** 503s tell the client when to come back instead of letting it hammer a struggling API. */
  get retryable(): boolean {
    return this.statusCode === 503;
  }
}

export interface ErrorBody {
  readonly error: ApiErrorCode;
  readonly message: string;
}
