import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/replay.js';
import { captureIo } from './capture-io.js';
import {
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from './fake-openai-server.js';

const TRACE = [
  'TIMESTAMP,ContextTokens,GeneratedTokens',
  '2023-11-16 18:15:46.6805900,374,44',
  '2023-11-16 18:15:46.7805900,20,4',
  '2023-11-16 18:15:46.9805900,1000,9',
].join('\n');

let dir: string;
let tracePath: string;
let server: FakeOpenAiServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mm-orch-replay-'));
  tracePath = join(dir, 'trace.csv');
  await writeFile(tracePath, TRACE);
  server = await startFakeOpenAiServer({}, ['served-model']);
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('mm-orch replay', () => {
  it('replays against a target', async () => {
    const io = captureIo();
    const code = await run(
      ['--trace', tracePath, '--target', server.url, '--speed', '10'],
      io,
    );
    expect(code).toBe(0);
    expect(io.out()).toMatch(/^served-model\s+3\s/m);
  });

  it('sends the chosen model', async () => {
    const io = captureIo();
    await run(
      ['--trace', tracePath, '--target', server.url, '--model', 'other'],
      io,
    );
    expect(server.received.at(-1)!.body.model).toBe('other');
  });

  it('warns about an unlisted model', async () => {
    const io = captureIo();

    await run(
      ['--trace', tracePath, '--target', server.url, '--model', 'other'],
      io,
    );

    expect(io.err()).toContain(
      'does not list model "other" (it lists served-model)',
    );
  });

  it('explains a dash-leading value', async () => {
    const io = captureIo();

    const code = await run(['--trace', tracePath, '--speed', '-1'], io);

    expect(code).toBe(2);
    expect(io.err()).toContain("use '--speed=-XYZ'");
  });

  it('replays in-process without a target', async () => {
    const io = captureIo();
    const code = await run(
      ['--trace', tracePath, '--speed', '10', '--model', 'sim-chat'],
      io,
    );
    expect(code).toBe(0);
    expect(io.out()).toMatch(/^sim-chat\s+3\s/m);
  });

  it('reports dropped requests', async () => {
    const slow = await startFakeOpenAiServer({ delayMs: 500 }, ['m']);
    try {
      const io = captureIo();
      const code = await run(
        [
          ...['--trace', tracePath, '--target', slow.url],
          ...['--speed', '10', '--concurrency', '1'],
        ],
        io,
      );

      expect(code).toBe(0);
      expect(io.out()).toContain('2 requests dropped because 1 were');
    } finally {
      await slow.close();
    }
  });

  it('fails when nothing succeeds', async () => {
    const failing = await startFakeOpenAiServer({ status: 500 });
    try {
      const io = captureIo();
      const code = await run(
        ['--trace', tracePath, '--target', failing.url, '--speed', '10'],
        io,
      );
      expect(code).toBe(1);
      expect(io.err()).toContain('none of the 3 requests succeeded');
    } finally {
      await failing.close();
    }
  });
});

describe('mm-orch replay input errors', () => {
  it('reports a missing trace', async () => {
    const io = captureIo();
    const missing = join(dir, 'missing.csv');
    const code = await run(['--trace', missing], io);
    expect(code).toBe(1);
    expect(io.err()).toBe(
      `mm-orch replay: trace file not found: ${missing}; pass an existing CSV with --trace\n`,
    );
  });

  it('reports a malformed trace', async () => {
    const io = captureIo();
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, `${TRACE}\n2023-11-16 18:15:47.0,12,many\n`);
    const code = await run(['--trace', bad, '--target', server.url], io);
    expect(code).toBe(1);
    expect(io.err()).toBe(
      `mm-orch replay: trace ${bad} line 5: invalid output token count "many", expected a whole number of tokens\n`,
    );
  });

  it('reports an unreachable target', async () => {
    const io = captureIo();
    const target = `http://127.0.0.1:${await closedPort()}`;
    const code = await run(['--trace', tracePath, '--target', target], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(
      /^mm-orch replay: cannot reach target http:\/\/127\.0\.0\.1:\d+\/: connect ECONNREFUSED [\d.:]+; start an OpenAI-compatible server there or check --target\n$/,
    );
  });

  it('requires --trace', async () => {
    const io = captureIo();
    const code = await run([], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^mm-orch replay: missing --trace FILE; usage: /);
  });

  it('rejects a bad concurrency', async () => {
    const io = captureIo();
    const code = await run(['--trace', tracePath, '--concurrency', '1.5'], io);
    expect(code).toBe(2);
    expect(io.err()).toBe(
      'mm-orch replay: invalid --concurrency "1.5", expected a whole number greater than 0\n',
    );
  });
});
