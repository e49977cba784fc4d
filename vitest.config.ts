import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // unit and e2e run together (group 0); stress waits for both (an unset groupOrder would
          // let every project run at once).
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          // The fuzzed round trips and the host load test: CPU-heavy for a minute, one file at a
          // time, and asked to run after the other projects (groupOrder). Vitest 4.1 was seen
          // finishing them before the last e2e files, so they are also kept short.
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
