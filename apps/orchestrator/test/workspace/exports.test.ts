import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Each workspace package with one export that must be a function or class. */
const PACKAGES: Array<[string, string]> = [
  ['@mm-orch/config', 'parseConfig'],
  ['@mm-orch/metrics', 'PrometheusExporter'],
  ['@mm-orch/tracing', 'OTelTracer'],
  ['@mm-orch/anomaly', 'PerformanceMonitor'],
  ['@mm-orch/alerts', 'AlertRouter'],
];

/**
 * Imports `name` in a plain Node process started in the app directory, so
 * resolution goes through the package's `exports` to its built `dist/`
 * (no source condition), and returns the type of `exportName`.
 */
async function importedType(name: string, exportName: string): Promise<string> {
  const script = [
    `const module = await import(${JSON.stringify(name)});`,
    `process.stdout.write(typeof module[${JSON.stringify(exportName)}]);`,
  ].join('\n');
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', script],
    {
      cwd: APP_DIR,
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  return stdout;
}

describe('workspace package exports', () => {
  it.each(PACKAGES)('%s exports %s from dist', async (name, exportName) => {
    const type = await importedType(name, exportName);

    expect(type).toBe('function');
  });
});
