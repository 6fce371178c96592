import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __RUNLANE_TEST__: 'true' },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Property tests and the small soak take a few seconds, more on a loaded machine.
    testTimeout: 30_000,
  },
});
