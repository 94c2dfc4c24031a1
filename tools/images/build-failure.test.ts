import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFailure } from './build.js';
import { CommandFailed } from './commands.js';

const builderLog = `[1/4] STEP 1/10: FROM localhost/platform-node-base:1 AS build
[1/4] STEP 2/10: WORKDIR /src
--> a410953890c
[1/4] STEP 4/10: RUN npm ci --no-audit --no-fund --ignore-scripts
npm error code SELF_SIGNED_CERT_IN_CHAIN
npm error request to https://registry.npmjs.org/cdk8s-plus-27 failed, reason: self-signed certificate in certificate chain
Error: building at STEP "RUN npm ci --no-audit --no-fund --ignore-scripts": while running runtime: exit status 1
`;

describe('a target that does not build', () => {
  it('is reported with its name, the step that failed and the builder’s last lines', () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'build-log-')), 'api.log');
    fs.writeFileSync(log, builderLog);
    const error = buildFailure('api', new CommandFailed('buildah build', 1, 'exit status 1', log));
    expect(error.message).toMatch(/^image api: failed at RUN npm ci --no-audit --no-fund --ignore-scripts \(log: /);
    expect(error.message).toContain('self-signed certificate in certificate chain');
    expect(error.message.trimEnd()).toMatch(/Error: building at STEP "RUN npm ci .*exit status 1$/);
    fs.rmSync(path.dirname(log), { recursive: true });
  });
});
