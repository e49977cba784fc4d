import { defineConfig } from 'vitest/config';

// `npm test` runs the e2e project in one Vitest process and the unit then stress projects in
// another, side by side (scripts/test.mjs). A single `vitest run` runs every file one after
// another on a two-core machine: one worker (cores - 1) for unit, and the e2e project (no file
// parallelism) moved behind every other group.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // stress waits for unit (an unset groupOrder would let every project run at once).
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          // The fuzzed round trips and the host load test: CPU-heavy for half a minute, one file
          // at a time, after the unit files (groupOrder).
          name: 'stress',
          include: ['test/stress/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the CI machine has two cores.
          fileParallelism: false,
          sequence: { groupOrder: 0 },
        },
      },
    ],
  },
});
