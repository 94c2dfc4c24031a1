import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { replaceScalar, replaceSequence, setBesides } from './yaml-text.js';

const SOURCE = `# a comment that stays
aws:
  accountId: '111111111111' # and this one
  flow: [a, b]
list:
  - one
  - two
ingress:
  host: x.example.com
  scheme: internal
after: { kept: true }
`;

describe('editing env.yaml as text', () => {
  it('replaces a scalar in place, keeping its quotes and the comments around it', () => {
    expect(replaceScalar(SOURCE, ['aws', 'accountId'], '123456789012')).toBe(
      SOURCE.replace("'111111111111'", "'123456789012'"),
    );
  });

  it('quotes a plain value that would not read back as the same string', () => {
    const edited = replaceScalar(SOURCE, ['ingress', 'host'], '0123');
    expect((parse(edited) as { ingress: { host: unknown } }).ingress.host).toBe('0123');
  });

  it('replaces a block list item by item, at its indentation, and a flow list inline', () => {
    expect(replaceSequence(SOURCE, ['list'], ['a:1', 'b:2', 'c:3'])).toBe(
      SOURCE.replace('  - one\n  - two', '  - a:1\n  - b:2\n  - c:3'),
    );
    expect(replaceSequence(SOURCE, ['aws', 'flow'], ['c'])).toBe(SOURCE.replace('[a, b]', '[c]'));
  });

  it('adds a key on its own line after a sibling when it is missing, and replaces it when it is there', () => {
    const added = setBesides(SOURCE, ['ingress', 'scheme'], 'certificateArn', 'arn:aws:acm:x');
    expect(added).toBe(SOURCE.replace('  scheme: internal\n', '  scheme: internal\n  certificateArn: arn:aws:acm:x\n'));
    expect(setBesides(added, ['ingress', 'scheme'], 'certificateArn', 'arn:aws:acm:y')).toBe(
      added.replace('arn:aws:acm:x', 'arn:aws:acm:y'),
    );
  });

  it('names the path it cannot find', () => {
    expect(() => replaceScalar(SOURCE, ['gitops', 'repoURL'], 'x')).toThrow('env.yaml has no gitops.repoURL to set');
  });
});
