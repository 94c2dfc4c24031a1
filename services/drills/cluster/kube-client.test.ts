import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient, KubeError } from './kube-client.js';

// An HTTPS server for localhost with a self-signed certificate: the client trusts exactly it, as it trusts the
// cluster's CA. Each test sets what the server answers, in order.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-client-'));
let answers: { status: number; headers?: Record<string, string>; body: string }[] = [];
let seen = 0;
let server: https.Server;
let client: KubeClient;

beforeAll(async () => {
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'].concat([
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      'key.pem',
      '-out',
      'cert.pem',
    ]),
    { cwd: dir, stdio: 'ignore' },
  );
  const cert = fs.readFileSync(path.join(dir, 'cert.pem'));
  server = https.createServer({ cert, key: fs.readFileSync(path.join(dir, 'key.pem')) }, (_request, response) => {
    const answer = answers[Math.min(seen, answers.length - 1)]!;
    seen += 1;
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = KubeClient.withToken(new URL(`https://localhost:${port}`), 'token', cert);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('KubeClient', () => {
  it("repeats a request the server answered 429, after its Retry-After (a new CRD's storage initializing)", async () => {
    seen = 0;
    answers = [
      { status: 429, headers: { 'retry-after': '0' }, body: '{"message":"storage is (re)initializing"}' },
      { status: 429, headers: { 'retry-after': '0' }, body: '{"message":"storage is (re)initializing"}' },
      { status: 200, body: '{"items":[]}' },
    ];
    expect(await client.get('/apis/external-secrets.io/v1/externalsecrets')).toEqual({ items: [] });
    expect(seen).toBe(3);
  });

  it('gives up on 429 after a bounded number of attempts, with the server message', async () => {
    seen = 0;
    answers = [{ status: 429, headers: { 'retry-after': '0' }, body: '{"message":"too many requests"}' }];
    await expect(client.get('/api/v1/pods')).rejects.toThrow('GET /api/v1/pods: 429 too many requests');
    expect(seen).toBe(6);
  });

  it('does not repeat any other refusal', async () => {
    seen = 0;
    answers = [{ status: 403, body: '{"message":"forbidden"}' }];
    const refused = await client.get('/api/v1/secrets').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KubeError);
    expect((refused as KubeError).status).toBe(403);
    expect(seen).toBe(1);
  });
});
