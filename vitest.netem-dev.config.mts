import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { root: '/work/wt/netem', include: ['tools/bench/round-trip-delay.int.test.ts'], testTimeout: 60000 } });
