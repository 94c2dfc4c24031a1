import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing running; `integration` (*.int.test.ts) runs against the real local stack,
// which its global setup starts when it is not up yet (and stops again afterwards).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', '.cache/**', '.stack/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['**/node_modules/**', '.cache/**', '.stack/**'],
          globalSetup: ['tools/stack/test-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The suites share one broker and one database on two cores: run files one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
