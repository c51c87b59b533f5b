import { defineConfig } from 'vitest/config';

// Benchmarks: `npm run bench` (all) or `npm run bench -- bench/<action>`. Each prints its figures and ratios.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
