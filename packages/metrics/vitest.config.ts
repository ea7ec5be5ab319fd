import { defaultServerConditions } from 'vite';
import { defineProjectConfig, SOURCE_CONDITION } from '../../vitest.shared.js';

// prom-client 15 loads @opentelemetry/api, whose `module` export condition
// maps to an ES build with extensionless imports that Node cannot load, so
// the tests resolve it through its CommonJS build.
const nodeConditions = defaultServerConditions.filter(
  (condition) => condition !== 'module',
);

const config = defineProjectConfig();
config.ssr = {
  ...config.ssr,
  resolve: {
    ...config.ssr?.resolve,
    conditions: [SOURCE_CONDITION, ...nodeConditions],
    mainFields: ['main'],
  },
};

export default config;
