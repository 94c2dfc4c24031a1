import { describe, expect, it } from 'vitest';
import { committedConfig } from '../testing/environments.js';
import { previewSteps } from './preview-plan.js';

describe('the preview steps', () => {
  it("use the environment's own account, region, state bucket and stack", () => {
    const commands = previewSteps(committedConfig('prod')).map((step) => step.command);
    expect(commands[0]).toContain('account 333333333333');
    expect(commands).toContain("pulumi login 's3://events-prod-pulumi-state?region=eu-west-1'");
    expect(commands.at(-1)).toBe('pulumi preview --cwd infra --stack prod --diff');
  });
});
