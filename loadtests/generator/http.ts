import { Pool } from 'undici';
import type { Outcome } from './outcome.js';
import { NO_ANSWER, classifyStatus } from './outcome.js';

/** One HTTP request of a load run; bodies are built per arrival so every event carries its own key. */
export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface Answer {
  readonly outcome: Outcome;
  /** The HTTP status as a string, or one of NO_ANSWER's keys. */
  readonly statusKey: string;
  readonly status: number | undefined;
  /** The API's error code from a 5xx body (`{ error }`), when there is one. */
  readonly errorCode: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Load goes to this machine unless the caller says otherwise: a typo must not flood someone else's service. */
export function checkTarget(url: string, allowRemote: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--target '${url}' is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`--target '${url}' must be http or https`);
  if (!allowRemote && !LOOPBACK.has(parsed.hostname))
    throw new Error(`--target '${url}' is not on loopback; pass --allow-remote to send load to another host`);
  return parsed;
}

/** A keep-alive connection pool to one origin: `connections` sockets, one request at a time on each. */
export function connectionPool(origin: URL, connections: number): Pool {
  return new Pool(origin.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
}

async function errorCodeOf(body: { text(): Promise<string> }): Promise<string | undefined> {
  try {
    const parsed = JSON.parse(await body.text()) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

/** Sends one request and classifies the answer; never throws. Only error bodies are read (for their code). */
export async function send(pool: Pool, request: LoadRequest, timeoutMs: number): Promise<Answer> {
  try {
    const response = await pool.request({
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: request.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const { statusCode } = response;
    const outcome = classifyStatus(statusCode, response.headers['retry-after'] !== undefined);
    const errorCode = statusCode >= 500 ? await errorCodeOf(response.body) : undefined;
    if (errorCode === undefined) await response.body.dump();
    return { outcome, statusKey: String(statusCode), status: statusCode, errorCode };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const timedOut = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
    return {
      outcome: 'transportError',
      statusKey: timedOut ? NO_ANSWER.timeout : NO_ANSWER.transport,
      status: undefined,
      errorCode: code,
    };
  }
}
