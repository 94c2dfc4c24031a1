// `npm run stack:up|stack:down|stack:status`: the local Kafka broker and PostgreSQL server on loopback.
import { describeConnection, loadStackSettings, stackDown, stackStatus, stackUp } from './stack.js';

async function main(command: string | undefined): Promise<number> {
  const settings = loadStackSettings();
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
      console.log(
        `${line('postgres', status.postgres)}\n${line('kafka', status.kafka)}\n\n${describeConnection(status.connection)}`,
      );
      return status.kafka.answering && status.postgres.answering ? 0 : 1;
    }
    default:
      console.error('usage: tsx tools/stack/cli.ts up|down|status');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`stack: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
