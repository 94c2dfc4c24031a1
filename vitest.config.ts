import { defineConfig } from 'vitest/config';

// Four projects: `unit` needs nothing running; `integration` (*.int.test.ts) runs against the real local stack,
// which its global setup starts when it is not up yet (and stops again afterwards); `sync` (*.sync.test.ts) starts a
// loopback Kubernetes control plane and Argo CD per test (tools/install/sync-tools.sh installs them); `images`
// (*.image.test.ts) builds images with buildah and runs them in a containerd of its own
// (tools/install/image-tools.sh installs them).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [
            '**/*.int.test.ts',
            '**/*.sync.test.ts',
            '**/*.image.test.ts',
            '**/node_modules/**',
            '.cache/**',
            '.stack/**',
          ],
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
      {
        test: {
          name: 'sync',
          include: ['**/*.sync.test.ts'],
          exclude: ['**/node_modules/**', '.cache/**', '.stack/**'],
          // A rehearsal starts a control plane and Argo CD and waits for a sync: minutes, one at a time.
          testTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'images',
          include: ['**/*.image.test.ts'],
          exclude: ['**/node_modules/**', '.cache/**', '.stack/**'],
          // A cold build (base image and a target) takes minutes on two cores; a warm one, seconds.
          testTimeout: 900_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
