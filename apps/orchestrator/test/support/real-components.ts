import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Path of the Prometheus binary; `PROMETHEUS_BIN` overrides it. */
export const PROMETHEUS_BIN =
  process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
/** Path of the Alertmanager binary; `ALERTMANAGER_BIN` overrides it. */
export const ALERTMANAGER_BIN =
  process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

/** Returns why a binary cannot run here, or undefined when it can. */
export function missingBinary(path: string): string | undefined {
  return existsSync(path) ? undefined : `skipped: ${path} is not installed`;
}

/** A real component started by a test. */
export interface RealComponent {
  url: string;
  stop(): Promise<void>;
}

/** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitReady(url: string, child: ChildProcess, log: () => string) {
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${url} exited with code ${child.exitCode}: ${log()}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startBinary(
  binary: string,
  config: string,
  args: (dir: string, configPath: string, port: number) => string[],
): Promise<RealComponent> {
  const dir = await mkdtemp(join(tmpdir(), 'mmorch-e2e-'));
  const configPath = join(dir, 'config.yml');
  await writeFile(configPath, config);
  const port = await freePort();
  const child = spawn(binary, args(dir, configPath, port), {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/**
 * Starts Prometheus on 127.0.0.1 with a temporary storage directory,
 * scraping `target` ("host:port") every second.
 */
export function startPrometheus(
  target: string,
  path = '/metrics',
): Promise<RealComponent> {
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    'scrape_configs:',
    '  - job_name: mmorch',
    `    metrics_path: ${path}`,
    '    static_configs:',
    `      - targets: ['${target}']`,
    '',
  ].join('\n');
  return startBinary(PROMETHEUS_BIN, config, (dir, configPath, port) => [
    `--config.file=${configPath}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
}

/**
 * Starts Alertmanager on 127.0.0.1 with clustering off, a temporary
 * storage directory and one receiver without integrations.
 */
export function startAlertmanager(): Promise<RealComponent> {
  const config = [
    'route:',
    '  receiver: sink',
    '  group_wait: 1s',
    'receivers:',
    '  - name: sink',
    '',
  ].join('\n');
  return startBinary(ALERTMANAGER_BIN, config, (dir, configPath, port) => [
    `--config.file=${configPath}`,
    `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ]);
}
