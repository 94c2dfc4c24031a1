// `npm run stack:up|stack:down|stack:status`: the local Kafka (one broker, or `--brokers 3`) and PostgreSQL on loopback.
import { parseArgs } from 'node:util';
import { describeConnection, loadStackSettings, stackDown, stackStatus, stackUp } from './stack.js';

const USAGE = 'usage: tsx tools/stack/cli.ts up [--brokers 1|3] | down | status';

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { brokers: { type: 'string' } },
  });
  const command = positionals[0];
  if (values.brokers !== undefined && command !== 'up') throw new Error(`--brokers is for up only; ${USAGE}`);
  const settings = loadStackSettings(
    values.brokers === undefined ? process.env : { ...process.env, STACK_KAFKA_BROKERS: values.brokers },
  );
  switch (command) {
    case 'up': {
      const result = await stackUp(settings);
      console.log(`postgres: ${result.postgres}\nkafka: ${result.kafka}\n\n${describeConnection(result.connection)}`);
      return 0;
    }
    case 'down': {
      const result = await stackDown(settings);
      console.log(`kafka: ${result.kafka}\npostgres: ${result.postgres}`);
      return 0;
    }
    case 'status': {
      const status = await stackStatus(settings);
      const line = (name: string, c: { running: boolean; answering: boolean }): string =>
        `${name}: ${c.running ? (c.answering ? 'up' : 'running, not answering') : 'down'}`;
      const brokers = status.brokers.map(
        (b) => `  broker ${b.id} on 127.0.0.1:${b.port}: ${b.running ? 'running' : 'down'}`,
      );
      console.log(
        [
          line('postgres', status.postgres),
          `${line('kafka', status.kafka)} (${status.brokers.length} broker${status.brokers.length === 1 ? '' : 's'})`,
          ...brokers,
          '',
          describeConnection(status.connection),
        ].join('\n'),
      );
      return status.kafka.answering && status.postgres.answering ? 0 : 1;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`stack: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
