/**
 * How much work the API has taken in and not yet answered: at most `maxRequests` event requests, holding at most
 * `maxBytes` of bodies. A request beyond either bound is refused at once (503 with Retry-After) before its body is
 * read, so a flood costs a few microseconds per refused request and the process's memory stays bounded, instead of
 * every request waiting longer and longer in a queue nobody can see.
 */
export class Admission {
  private requests = 0;
  private bytes = 0;

  constructor(
    private readonly maxRequests: number,
    private readonly maxBytes: number,
  ) {}

  /** Takes the request in if both bounds allow it; the caller must release exactly what was admitted. */
  tryAdmit(bodyBytes: number): boolean {
    if (this.requests + 1 > this.maxRequests || this.bytes + bodyBytes > this.maxBytes) return false;
    this.requests += 1;
    this.bytes += bodyBytes;
    return true;
  }

  release(bodyBytes: number): void {
    this.requests -= 1;
    this.bytes -= bodyBytes;
  }

  get inFlight(): { requests: number; bytes: number } {
    return { requests: this.requests, bytes: this.bytes };
  }
}

/**
 * What a request's body may take: its Content-Length, or the body limit when it has none (chunked), since that much
 * is what it could still bring.
 */
export function declaredBodyBytes(contentLength: string | undefined, bodyLimit: number): number {
  const n = contentLength === undefined ? NaN : Number(contentLength);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, bodyLimit) : bodyLimit;
}
