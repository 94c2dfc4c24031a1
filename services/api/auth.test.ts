import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { registerAuthentication, tokenFile } from './auth.js';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

function tokensFileWith(...tokens: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'api-auth-')), 'tokens');
  fs.writeFileSync(file, tokens.map(digest).join('\n'));
  return file;
}

async function appWith(file: string | undefined) {
  const app = Fastify();
  registerAuthentication(app, file, pino({ level: 'silent' }));
  app.post('/events', async () => ({ ok: true }));
  app.get('/readyz', async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('API authentication', () => {
  it('accepts a listed token and refuses a missing or unknown one on /events', async () => {
    const app = await appWith(tokensFileWith('producer-a'));
    const post = (authorization?: string) =>
      app.inject({ method: 'POST', url: '/events', headers: authorization ? { authorization } : {} });
    expect((await post('Bearer producer-a')).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(401);
    expect((await post('Bearer someone-else')).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('follows the mounted file: a revoked token stops working without a restart', () => {
    const file = tokensFileWith('old', 'new');
    const tokens = tokenFile(file);
    expect(tokens.allows('old')).toBe(true);
    fs.writeFileSync(file, digest('new'));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(tokens.allows('old')).toBe(false);
    expect(tokens.allows('new')).toBe(true);
  });

  it('accepts everyone when no tokens file is configured (the local stack)', async () => {
    const app = await appWith(undefined);
    expect((await app.inject({ method: 'POST', url: '/events' })).statusCode).toBe(200);
  });
});
