import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ApiError } from './errors.js';

/**
 * Who may send events: callers present `Authorization: Bearer <token>`, and the API accepts a token whose SHA-256
 * is listed (one hex digest a line) in `API_AUTH_TOKENS_FILE`, a file mounted from a Secret. The file is read again
 * when it changes, so a rotated or revoked token takes effect without a restart. Without the variable (the local
 * stack) every caller is accepted, and the API says so at start-up. Only /events routes are guarded: probes and
 * /metrics are served inside the cluster only (docs/tradeoffs.md).
 */
export interface TokenFile {
  allows(token: string): boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export function tokenFile(file: string): TokenFile {
  let loadedMtimeMs = -1;
  let digests: Buffer[] = [];
  const refresh = () => {
    const { mtimeMs } = fs.statSync(file);
    if (mtimeMs === loadedMtimeMs) return;
    digests = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => /^[0-9a-f]{64}$/.test(line))
      .map((hex) => Buffer.from(hex, 'hex'));
    loadedMtimeMs = mtimeMs;
  };
  refresh();
  return {
    allows(token) {
      refresh();
      const presented = sha256(token);
      return digests.some((digest) => timingSafeEqual(digest, presented));
    },
  };
}

export function registerAuthentication(app: FastifyInstance, tokensFile: string | undefined, logger: Logger): void {
  if (!tokensFile) {
    logger.warn('authentication is off: every caller may send events (set API_AUTH_TOKENS_FILE to require tokens)');
    return;
  }
  const tokens = tokenFile(tokensFile);
  logger.info({ tokensFile }, 'callers of /events must present a bearer token');
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/events')) return;
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!match || !tokens.allows(match[1]!)) throw new ApiError('UNAUTHENTICATED');
  });
}
