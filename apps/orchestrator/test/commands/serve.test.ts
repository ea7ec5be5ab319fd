import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/serve.js';

describe('serve command', () => {
  it('prints usage on --help', async () => {
    const write = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation(() => true);

    const code = await run(['--help']);

    expect(code).toBe(0);
    expect(String(write.mock.calls[0]?.[0])).toMatch(/usage: mm-orch serve/);
    write.mockRestore();
  });

  it('rejects an invalid port', async () => {
    await expect(run(['--port', 'eighty'])).rejects.toThrow(
      /--port must be a port number/,
    );
  });

  it('reports a missing config file', async () => {
    const write = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);

    const code = await run(['--config', '/nonexistent/mm-orch.yaml']);

    expect(code).toBe(2);
    expect(String(write.mock.calls[0]?.[0])).toMatch(/mm-orch\.yaml/);
    write.mockRestore();
  });

  it('stops on SIGTERM', async () => {
    const lines: string[] = [];
    const write = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    const errors = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);
    const before = process.listeners('SIGTERM');

    const exit = run([
      '--port',
      '0',
      '--metrics-port',
      '0',
      '--log-level',
      'error',
    ]);
    while (!lines.some((line) => line.startsWith('mm-orch serving on'))) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const added = process
      .listeners('SIGTERM')
      .filter((l) => !before.includes(l));
    for (const listener of added) {
      (listener as (signal: string) => void)('SIGTERM');
    }

    expect(await exit).toBe(0);
    expect(process.listeners('SIGTERM')).toEqual(before);
    write.mockRestore();
    errors.mockRestore();
  });
});
