import { defineConfig } from 'vitest/config';

// Unit tests: pure TypeScript (src/core, src/io, src/state). GPU kernels and the
// app are tested in a real browser by Playwright (e2e/).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
  },
});
