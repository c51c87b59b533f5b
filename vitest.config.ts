import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

/** @actions/workflow-parser ships source maps whose sources are not in the package; drop the links so Vite does not warn per file. */
const workflowParserWithoutSourceMaps: Plugin = {
  name: 'workflow-parser-without-source-maps',
  enforce: 'pre',
  load(id) {
    if (!/[\\/]@actions[\\/]workflow-parser[\\/].*\.js$/.test(id)) return null;
    return readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
  },
};

export default defineConfig({
  plugins: [workflowParserWithoutSourceMaps],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // End-to-end tests start real processes and daemons; give them room, but keep one file per worker.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    // @actions/workflow-parser imports its JSON schemas without `with { type: 'json' }`, which Node refuses; Vite loads them instead.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
