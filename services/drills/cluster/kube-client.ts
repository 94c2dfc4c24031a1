import fs from 'node:fs';
import https from 'node:https';

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export class KubeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** What a 429 asked for in Retry-After, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

// A 429 means the request was not handled (API Priority and Fairness, or a new CRD's storage still initializing right
// after it was created): repeating it is safe, after the wait the server asked for.
const TOO_MANY_REQUESTS_ATTEMPTS = 6;
const MAX_RETRY_AFTER_SECONDS = 5;

/**
 * The few Kubernetes API calls the drills make, over HTTPS with the pod's service-account token: no client library,
 * so what the drill can do is exactly what its Role lets it do and what this file asks for. The sync rehearsal
 * (tools/sync) talks to its loopback API server with it too.
 */
export class KubeClient {
  private constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly ca: Buffer,
    private readonly token: () => string,
  ) {}

  static inCluster(env: NodeJS.ProcessEnv = process.env): KubeClient {
    const host = env.KUBERNETES_SERVICE_HOST;
    if (!host) throw new Error('not in a cluster: KUBERNETES_SERVICE_HOST is not set');
    // Projected tokens are rotated on disk: read it for every call.
    const tokenFile = `${SERVICE_ACCOUNT_DIR}/token`;
    return new KubeClient(
      host,
      Number(env.KUBERNETES_SERVICE_PORT ?? '443'),
      fs.readFileSync(`${SERVICE_ACCOUNT_DIR}/ca.crt`),
      () => fs.readFileSync(tokenFile, 'utf8').trim(),
    );
  }

  /** A client of the API server at `server`, with a fixed bearer token, trusting only the certificates in `ca`. */
  static withToken(server: URL, token: string, ca: Buffer): KubeClient {
    return new KubeClient(server.hostname, Number(server.port || '443'), ca, () => token);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** `undefined` for a 404: an object that is not (or no longer) there. */
  async find<T>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path);
    } catch (error) {
      if (error instanceof KubeError && error.status === 404) return undefined;
      throw error;
    }
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body, 'application/merge-patch+json');
  }

  delete<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('DELETE', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.requestOnce<T>(method, path, body, contentType);
      } catch (error) {
        if (!(error instanceof KubeError && error.status === 429) || attempt >= TOO_MANY_REQUESTS_ATTEMPTS) throw error;
        const seconds = Math.min(error.retryAfterSeconds ?? 1, MAX_RETRY_AFTER_SECONDS);
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      }
    }
  }

  private requestOnce<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const token = this.token();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = https.request(
        {
          host: this.host,
          port: this.port,
          path,
          method,
          ca: this.ca,
          timeout: 30_000,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(payload ? { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve((text ? JSON.parse(text) : undefined) as T);
            const message = (() => {
              try {
                return (JSON.parse(text) as { message?: string }).message ?? text;
              } catch {
                return text;
              }
            })();
            const retryAfter = Number(response.headers['retry-after']);
            const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
            reject(new KubeError(status, `${method} ${path}: ${status} ${message}`, retryAfterSeconds));
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
      request.on('error', reject);
      if (payload) request.write(payload);
      request.end();
    });
  }
}

/** A list of objects as the API returns it, with what the drills read of each. */
export interface KubeList<T> {
  readonly items: T[];
}

export interface KubeObject {
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly creationTimestamp?: string;
  };
}
