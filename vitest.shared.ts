import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

/**
 * Export condition that points each workspace package at its `src/`, so the
 * tests of one package run against its siblings' sources without a build.
 * Packed tarballs drop it (see `publishConfig.exports`).
 */
export const SOURCE_CONDITION = '@mm-orch/source';

/** Builds the vitest project config that every package and the app share. */
export function defineProjectConfig(overrides: { testTimeout?: number } = {}) {
  return defineProject({
    resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
    ssr: {
      resolve: {
        conditions: [SOURCE_CONDITION, ...defaultServerConditions],
        externalConditions: [SOURCE_CONDITION],
      },
    },
    test: {
      include: ['test/**/*.test.ts'],
      environment: 'node',
      testTimeout: overrides.testTimeout ?? 20_000,
      hookTimeout: 30_000,
    },
  });
}
