import { defineConfig } from 'vitest/config';
import { define } from './electron.vite.config';

export default defineConfig({
  define,
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Integration tests spawn many CLI processes against one keyring; two workers suit 2 cores.
    maxWorkers: 2,
    // A time limit, not a speed test (npm run bench measures speed): the heaviest tests (2 MB names,
    // a month of watch runs) take 10–20 s on a busy 2-core machine, so 30 s was a coin toss there.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
