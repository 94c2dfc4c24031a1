import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request, as the authentication in front of the routes established it. */
    caller?: string;
  }
}

/** Idempotency keys of callers never collide: the same key from two callers is two keys. */
export const ANONYMOUS_CALLER = 'anonymous';

export function callerOf(request: FastifyRequest): string {
  return request.caller ?? ANONYMOUS_CALLER;
}
