import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    // Browser and process tests wait on a 2-core machine that may be busy: a UI change can take seconds, not the
    // default second, to show.
    expect: { poll: { timeout: 20_000 } },
    hookTimeout: 60_000,
    // Integration and e2e tests start processes and a browser: one file at a time on a 2-core machine.
    fileParallelism: false,
    reporters: ['default'],
  },
});
