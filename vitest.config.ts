import { defineConfig } from 'vitest/config';
import { define } from './electron.vite.config';

export default defineConfig({
  define,
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Integration tests spawn many CLI processes against one keyring; two workers suit 2 cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
