import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

/**
 * Export condition that points each workspace package at its `src/`, so the
 * tests of one package run against its siblings' sources without a build.
 * Packed tarballs drop it (see `publishConfig.exports`).
 */
export const SOURCE_CONDITION = '@mm-orch/source';

// @opentelemetry/api 1.9 maps its `module` export condition to an ES build
// with extensionless imports, which Node cannot load, so tests resolve
// server-side packages through Node's own conditions without `module`.
const NODE_CONDITIONS = defaultServerConditions.filter(
  (condition) => condition !== 'module',
);

/** Builds the vitest project config that every package and the app share. */
export function defineProjectConfig(overrides: { testTimeout?: number } = {}) {
  return defineProject({
    resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
    ssr: {
      resolve: {
        conditions: [SOURCE_CONDITION, ...NODE_CONDITIONS],
        externalConditions: [SOURCE_CONDITION],
        mainFields: ['main'],
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
