import { defaultServerConditions } from 'vite';
import { defineProjectConfig, SOURCE_CONDITION } from '../../vitest.shared.js';

// @opentelemetry/api 1.9 maps its `module` export condition to an ES build
// with extensionless imports, which Node cannot load, so the tests resolve
// the OpenTelemetry packages through their CommonJS builds.
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
