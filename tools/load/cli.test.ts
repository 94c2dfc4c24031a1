import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadReport } from '../../loadtests/report.js';

const run = promisify(execFile);
const cli = path.join(import.meta.dirname, 'cli.ts');

/** A stand-in API that answers 202 after `delayMs`, as a slow replica would. */
function stubApi(delayMs: number): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => setTimeout(() => response.writeHead(202).end('{}'), delayMs));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function load(server: http.Server, extra: string[] = []): Promise<{ code: number; report: LoadReport }> {
  const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'load-cli-')), 'report.json');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const args = ['--import', 'tsx', cli, '--profile', 'smoke', '--target', url, '--rate', '40', '--duration', '2'];
  let code = 0;
  try {
    await run(process.execPath, [...args, '--quiet', '--output', output, ...extra]);
  } catch (error) {
    code = (error as { code: number }).code;
  }
  return { code, report: JSON.parse(fs.readFileSync(output, 'utf8')) as LoadReport };
}

describe('npm run load against a target', { timeout: 60_000 }, () => {
  let fast: http.Server;
  let slow: http.Server;
  beforeAll(async () => {
    fast = await stubApi(0);
    slow = await stubApi(250);
  });
  afterAll(() => {
    fast.close();
    slow.close();
  });

  it('exits 0 and reports ok when every threshold holds', async () => {
    // Limits far above a stand-in that answers at once: on a crowded machine its p95 can pass 200 ms by itself.
    const { code, report } = await load(fast, ['--p95-ms', '5000', '--p99-ms', '10000']);
    expect(report.ok).toBe(true);
    expect(report.status).toStrictEqual({ '202': 80 });
    expect(code).toBe(0);
  });

  it('exits non-zero when a slow target breaks the p95 threshold', async () => {
    const { code, report } = await load(slow);
    expect(report.ok).toBe(false);
    expect(report.thresholds.find((t) => t.name === 'latency p95 (ms)')).toMatchObject({ limit: 200, ok: false });
    expect(code).toBe(1);
  });

  it('exits non-zero on a tiny p95 limit, even against a fast target', async () => {
    const { code, report } = await load(fast, ['--p95-ms', '0.001']);
    expect(report.ok).toBe(false);
    expect(code).toBe(1);
  });

  it('refuses a target off loopback unless --allow-remote says so', async () => {
    const refused = await run(process.execPath, [
      '--import',
      'tsx',
      cli,
      '--profile',
      'smoke',
      '--target',
      'http://10.1.2.3:8080',
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toContain('is not on loopback; pass --allow-remote');
  });
});
