// `npm run adopt -- --repo <https git URL> --env <env> --account <12 digits> [--region <region>]
//   [--domain <domain> | --host <host>] [--certificate-arn <arn>] [--kafka-bootstrap <host:port,...>]
//   [--postgres-host <host>] [--runbooks <url>]`
// Sets a fork's own values in env.yaml (only those lines), records the adoption, re-renders, and prints what is still
// a placeholder (docs/operations/first-deploy.md).
import { parseArgs } from 'node:util';
import { dottedPath } from '../../config/issues.js';
import { repoRoot } from '../../config/paths.js';
import type { Placeholder } from '../../config/placeholders.js';
import { adopt } from '../adopt/adopt.js';
import { runRender } from '../render/run.js';

const USAGE =
  'usage: npm run adopt -- --repo <https git URL> --env <env> --account <12-digit id> [--region <region>] [--domain <domain> | --host <host>] [--certificate-arn <arn>] [--kafka-bootstrap <host:port,...>] [--postgres-host <host>] [--runbooks <url>]';

const describe = (p: Placeholder) => `  ${dottedPath(p.path)}: ${p.value} (${p.reason}); fix: ${p.fix}`;

try {
  const { values } = parseArgs({
    options: {
      repo: { type: 'string' },
      env: { type: 'string' },
      account: { type: 'string' },
      region: { type: 'string' },
      domain: { type: 'string' },
      host: { type: 'string' },
      'certificate-arn': { type: 'string' },
      'kafka-bootstrap': { type: 'string' },
      'postgres-host': { type: 'string' },
      runbooks: { type: 'string' },
    },
    strict: true,
  });
  const missing = (['repo', 'env', 'account'] as const).filter((o) => !values[o]);
  if (missing.length > 0) throw new Error(`missing ${missing.map((o) => `--${o}`).join(', ')}\n${USAGE}`);
  const result = adopt(repoRoot, {
    repo: values.repo!,
    environment: values.env!,
    account: values.account!,
    ...(values.region ? { region: values.region } : {}),
    ...(values.domain ? { domain: values.domain } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['certificate-arn'] ? { certificateArn: values['certificate-arn'] } : {}),
    ...(values['kafka-bootstrap'] ? { kafkaBootstrap: values['kafka-bootstrap'].split(',').filter(Boolean) } : {}),
    ...(values['postgres-host'] ? { postgresHost: values['postgres-host'] } : {}),
    ...(values.runbooks ? { runbooks: values.runbooks } : {}),
  });
  for (const file of result.written) console.log(`wrote ${file}`);
  const env = values.env!;
  if (result.remaining.length === 0) {
    const render = runRender({ repoRoot, check: false, environments: [] });
    console.log(render.lines.join('\n'));
    console.log(`${env}: no placeholder left; next: npm run check, commit, then docs/operations/first-deploy.md`);
    process.exitCode = render.exitCode;
  } else {
    console.log(
      `${env}: ${result.remaining.length} placeholder(s) left, errors from now on, so nothing was rendered; set them (most come from \`pulumi stack output\` after the first \`pulumi up\`) and run adopt again:`,
    );
    console.log(result.remaining.map(describe).join('\n'));
    process.exitCode = 1;
  }
  for (const [other, placeholders] of result.elsewhere)
    if (placeholders.length > 0)
      console.log(
        `${other} (not adopted: warnings; its workflows are skipped while its account is a placeholder):\n${placeholders.map(describe).join('\n')}`,
      );
} catch (error) {
  console.error(`adopt: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
