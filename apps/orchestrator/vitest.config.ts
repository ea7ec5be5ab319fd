import { defineProjectConfig } from '../../vitest.shared.js';

export default defineProjectConfig({ testTimeout: 30_000 });
