// The bootstrap hook's and the worker's schema-ready init container's settings, declared once: settings.ts reads
// them, generators/components/bootstrap.ts and worker.ts render them.
import { tunable } from '../shared/settings-contract.js';
import { KAFKA_CONNECTION_SETTINGS } from '../shared/kafka/settings-contract.js';
import { POSTGRES_CONNECTION_SETTINGS } from '../shared/runtime/settings-contract.js';

export const BOOTSTRAP_SETTINGS = {
  ...POSTGRES_CONNECTION_SETTINGS,
  ...KAFKA_CONNECTION_SETTINGS,
  TOPICS: {
    type: 'string',
    rendered: 'always',
    description: 'The topics to create or verify, as JSON (topic-plan.ts DesiredTopic[]).',
  },
} as const;

export const SCHEMA_READY_SETTINGS = {
  ...POSTGRES_CONNECTION_SETTINGS,
  SCHEMA_WAIT_SECONDS: tunable(
    1,
    86_400,
    600,
    'How long to wait for the PreSync hook to migrate the schema before failing.',
  ),
} as const;
