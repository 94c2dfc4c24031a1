import https from 'node:https';

export interface KubeResponse<T> {
  readonly status: number;
  readonly body: T;
}

/** A Kubernetes API error as the server words it (`Status.message`), or the raw body. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A small JSON client for the rehearsal's own API server: reads and status patches many times a second would cost a
 * kubectl process each. Authenticates with the bearer token and trusts only the server's own certificate.
 */
export class KubeClient {
  private readonly agent: https.Agent;

  constructor(
    readonly server: URL,
    private readonly token: string,
    ca: Buffer,
  ) {
    this.agent = new https.Agent({ ca, keepAlive: true });
  }

  request<T>(
    method: string,
    apiPath: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<KubeResponse<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: this.server.hostname,
          port: this.server.port,
          path: apiPath,
          method,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${this.token}`,
            Accept: 'application/json',
            ...(payload === undefined ? {} : { 'Content-Type': contentType }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON: keep the text for the error message
            }
            if (status >= 400) {
              const message = (parsed as { message?: string } | undefined)?.message ?? text;
              reject(new KubeApiError(status, `${method} ${apiPath}: ${message}`));
            } else resolve({ status, body: parsed as T });
          });
        },
      );
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${apiPath}: no answer in 30 s`)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  async get<T>(apiPath: string): Promise<T> {
    return (await this.request<T>('GET', apiPath)).body;
  }

  /** GET that answers undefined for a 404 instead of throwing. */
  async find<T>(apiPath: string): Promise<T | undefined> {
    try {
      return await this.get<T>(apiPath);
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  async create<T>(apiPath: string, body: unknown): Promise<T> {
    return (await this.request<T>('POST', apiPath, body)).body;
  }

  async mergePatch<T>(apiPath: string, body: unknown): Promise<T> {
    return (await this.request<T>('PATCH', apiPath, body, 'application/merge-patch+json')).body;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The REST path of an object (or of its collection when name is undefined), for a core or grouped API. */
export function resourcePath(apiVersion: string, plural: string, namespace: string | undefined, name?: string): string {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const ns = namespace ? `/namespaces/${namespace}` : '';
  return `${base}${ns}/${plural}${name ? `/${name}` : ''}`;
}
