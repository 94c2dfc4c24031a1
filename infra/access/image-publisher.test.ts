import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { PUBLISHING_REF, githubRepository, imagePushAccess } from './image-publisher.js';

describe('the image publisher', () => {
  it('reads owner/name from a GitHub URL and refuses any other host', () => {
    expect(githubRepository('https://github.com/example/event-platform.git')).toBe('example/event-platform');
    expect(() => githubRepository('https://gitlab.com/example/event-platform.git')).toThrow(
      'gitops.repoURL https://gitlab.com/example/event-platform.git is not a GitHub repository',
    );
  });

  it('trusts the branch the images workflow publishes from', () => {
    const workflow = parse(fs.readFileSync(path.join(repoRoot, '.github/workflows/images.yml'), 'utf8'));
    expect(workflow.on.push.branches.map((b: string) => `refs/heads/${b}`)).toStrictEqual([PUBLISHING_REF]);
  });

  it('may push only into the repositories it is given', () => {
    const [login, push] = imagePushAccess(['arn:aws:ecr:eu-west-1:111111111111:repository/events-api']);
    expect(login!.Action).toBe('ecr:GetAuthorizationToken');
    expect(push!.Resource).toStrictEqual(['arn:aws:ecr:eu-west-1:111111111111:repository/events-api']);
    expect(push!.Action).not.toContain('ecr:BatchDeleteImage');
  });
});
