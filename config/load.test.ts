import { describe, expect, it } from 'vitest';
import { committedEnvYaml } from './testing.js';
import type { ConfigIssue } from './issues.js';
import { InvalidConfigError } from './issues.js';
import { parseEnvConfig } from './load.js';

const FILE = 'environments/dev/env.yaml';

/**
 * Replaces the first line that matches `pattern` (after the first line matching `after`, when given)
 * and returns the edited YAML and that line's number.
 */
function editLine(
  source: string,
  pattern: RegExp,
  replacement: string,
  after?: RegExp,
): { yaml: string; line: number } {
  const lines = source.split('\n');
  const start = after ? lines.findIndex((l) => after.test(l)) : 0;
  const index = lines.findIndex((l, i) => i >= start && pattern.test(l));
  if (index === -1) throw new Error(`no line matches ${String(pattern)}`);
  lines[index] = lines[index]!.replace(pattern, replacement);
  return { yaml: lines.join('\n'), line: index + 1 };
}

function issuesOf(yaml: string): ConfigIssue[] {
  try {
    parseEnvConfig(yaml, FILE, 'dev');
  } catch (error) {
    if (error instanceof InvalidConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseEnvConfig', () => {
  it.each(['dev', 'staging', 'prod'])('loads the committed %s config', (environment) => {
    const config = parseEnvConfig(committedEnvYaml(environment), `environments/${environment}/env.yaml`, environment);
    expect(config.name).toBe(environment);
    expect(config.worker.autoscaling.maxReplicas).toBeLessThanOrEqual(config.kafka.topic.partitions);
  });

  it('rejects a string where a number belongs, with the file, line, column and path', () => {
    const { yaml, line } = editLine(committedEnvYaml('dev'), /lagThreshold: 500/, 'lagThreshold: lots');
    expect(issuesOf(yaml)).toStrictEqual([
      {
        file: FILE,
        line,
        column: 19,
        path: 'worker.autoscaling.lagThreshold',
        message: 'expected integer, got string "lots"',
      },
    ]);
  });

  it('rejects a lagThreshold of 0 with the file and line and what was expected', () => {
    const { yaml, line } = editLine(committedEnvYaml('dev'), /lagThreshold: 500/, 'lagThreshold: 0');
    const [issue, ...rest] = issuesOf(yaml);
    expect(rest).toHaveLength(0);
    expect(issue).toMatchObject({ file: FILE, line, path: 'worker.autoscaling.lagThreshold' });
    expect(issue?.message).toMatch(/^must be at least 1, got 0/);
  });

  it('rejects an unknown key, pointing at the key and listing the allowed ones', () => {
    const { yaml, line } = editLine(committedEnvYaml('dev'), /^ {4}lagThreshold: 500/, '    lagTreshold: 500');
    const issues = issuesOf(yaml);
    expect(issues).toContainEqual({
      file: FILE,
      line,
      column: 5,
      path: 'worker.autoscaling.lagTreshold',
      message:
        'unknown key; expected one of: minReplicas, maxReplicas, scaleUpStabilizationSeconds, scaleDownStabilizationSeconds, lagThreshold, activationLagThreshold, pollingIntervalSeconds',
    });
    // The misspelt key also leaves the real one missing: both are reported.
    expect(issues.map((i) => i.path)).toContain('worker.autoscaling.lagThreshold');
  });

  it('rejects a missing required key, pointing at the mapping that should hold it', () => {
    const source = committedEnvYaml('dev');
    const { yaml } = editLine(source, /^ {2}consumerGroup: .*$/, '');
    const kafkaLine = source.split('\n').findIndex((l) => l.startsWith('kafka:')) + 1;
    expect(issuesOf(yaml)).toStrictEqual([
      { file: FILE, line: kafkaLine, column: 1, path: 'kafka.consumerGroup', message: 'missing required key' },
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    const { yaml, line } = editLine(committedEnvYaml('dev'), /^ {2}tag: '[0-9a-f]{40}'$/, '  tag: [0.1.0');
    const issues = issuesOf(yaml);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ file: FILE, path: '' });
    expect(issues[0]!.line).toBeGreaterThanOrEqual(line);
    expect(issues[0]!.message).toMatch(/^YAML syntax error: /);
  });

  it('reports a duplicated key as a syntax error rather than silently keeping the last one', () => {
    const { yaml, line } = editLine(
      committedEnvYaml('dev'),
      /^namespace: events-dev$/,
      'namespace: events-dev\nnamespace: other',
    );
    expect(issuesOf(yaml)[0]).toMatchObject({
      file: FILE,
      line: line + 1,
      message: expect.stringMatching(/unique/) as unknown,
    });
  });

  it('reports several errors at once, sorted by line', () => {
    let yaml = committedEnvYaml('dev');
    yaml = editLine(yaml, /^ {2}port: 8080$/, '  port: 80800').yaml;
    yaml = editLine(yaml, /mode: after/, 'mode: sideways').yaml;
    yaml = editLine(yaml, /tag: '[0-9a-f]{40}'/, 'tag: latest').yaml;
    const issues = issuesOf(yaml);
    expect(issues.map((i) => i.path)).toStrictEqual(['images.tag', 'api.port', 'worker.mode']);
    expect(issues.map((i) => i.line)).toStrictEqual([...issues.map((i) => i.line)].sort((a, b) => a - b));
    expect(issues[0]!.message).toBe(
      'expected the full 40-character git sha the images were built from, got string "latest"',
    );
    expect(issues[2]!.message).toBe('expected one of "before", "after", got string "sideways"');
  });

  it('rejects a worker that may scale beyond the topic partitions', () => {
    const { yaml, line } = editLine(committedEnvYaml('dev'), /maxReplicas: 3/, 'maxReplicas: 9', /^worker:/);
    expect(issuesOf(yaml)).toStrictEqual([
      {
        file: FILE,
        line,
        column: 18,
        path: 'worker.autoscaling.maxReplicas',
        message: 'must not exceed kafka.topic.partitions (6), got 9',
      },
    ]);
  });

  it('rejects a config whose name differs from its folder', () => {
    const { yaml, line } = editLine(committedEnvYaml('dev'), /^name: dev$/, 'name: prod');
    expect(issuesOf(yaml)).toStrictEqual([
      {
        file: FILE,
        line,
        column: 7,
        path: 'name',
        message: `must equal the environment's folder name 'dev', got "prod"`,
      },
    ]);
  });

  it('names every issue in the error message, one per line', () => {
    const { yaml, line } = editLine(committedEnvYaml('dev'), /lagThreshold: 500/, 'lagThreshold: lots');
    expect(() => parseEnvConfig(yaml, FILE, 'dev')).toThrow(
      `invalid environment config (1 error):\n  ${FILE}:${line}:19: worker.autoscaling.lagThreshold: expected integer`,
    );
  });
});

describe('the traffic matrix in env.yaml', () => {
  it('rejects an edge naming an unknown service, with the line of the edge', () => {
    const { yaml, line } = editLine(
      committedEnvYaml('dev'),
      /- \{ from: worker, to: postgres, port: 5432 \}/,
      '- { from: worker, to: ledger-db, port: 5432 }',
    );
    const [issue, ...rest] = issuesOf(yaml);
    expect(rest).toHaveLength(0);
    expect(issue).toMatchObject({ file: FILE, line, path: 'network.edges[6].to' });
    expect(issue!.message).toMatch(
      /^unknown endpoint 'ledger-db'; expected a workload \(api, worker, chaos-drill, restore-drill, bootstrap, loadtest\) or a peer under network.peers \(alb, prometheus, kafka, postgres, kube-apiserver, aws-api\)$/,
    );
  });

  it('rejects a peer that is both a namespace and CIDRs', () => {
    const { yaml } = editLine(
      committedEnvYaml('dev'),
      /^ {6}cidrs: \[10.10.32.0\/20\]$/,
      '      cidrs: [10.10.32.0/20]\n      namespace: kafka',
    );
    expect(issuesOf(yaml).map((i) => `${i.path}: ${i.message}`)).toStrictEqual([
      'network.peers.kafka: must have either cidrs (outside the cluster) or namespace (pods in the cluster), not both or neither',
    ]);
  });

  it('rejects an add-on that is not in the catalog', () => {
    const yaml = `${committedEnvYaml('dev')}  cert-manager:\n    enabled: true\n`;
    expect(issuesOf(yaml)[0]!.message).toMatch(/^is not an add-on of the catalog/);
  });
});

describe('the load test in env.yaml', () => {
  it('rejects a load test without its edge to the API', () => {
    const { yaml } = editLine(committedEnvYaml('dev'), /- \{ from: loadtest, to: api, port: 8080 \}/, '');
    expect(issuesOf(yaml).map((i) => [i.path, i.message])).toStrictEqual([
      ['loadtest', 'needs its edge to the API: add { from: loadtest, to: api, port: 8080 } to network.edges'],
    ]);
  });

  it('rejects an edge naming the load test where no load test is rendered', () => {
    const prodLike = committedEnvYaml('prod')
      .replace(
        '    - { from: restore-drill, to: postgres, port: 5432 }',
        '    - { from: restore-drill, to: postgres, port: 5432 }\n    - { from: loadtest, to: api, port: 8080 }',
      )
      .replace('name: prod', 'name: dev');
    const issues = issuesOf(prodLike);
    expect(issues.map((i) => i.message)).toContain(
      'names the load test, which this environment does not render (it has no loadtest section)',
    );
  });

  it('rejects a profile the load generator does not have', () => {
    const { yaml, line } = editLine(committedEnvYaml('dev'), /^ {2}profile: ramp$/, '  profile: stress');
    expect(issuesOf(yaml)).toMatchObject([{ line, path: 'loadtest.profile' }]);
  });
});
