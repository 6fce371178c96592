import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __RUNLANE_TEST__: 'true' },
  test: {
    environment: 'node',
    include: ['src/**/*.soak.ts'],
  },
});
