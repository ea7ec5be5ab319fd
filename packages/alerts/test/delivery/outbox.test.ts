import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { AlertRouter } from '../../src/alert-router.js';
import { Outbox } from '../../src/delivery/outbox.js';
import {
  type LoopbackServer,
  startLoopbackServer,
} from '../helpers/loopback-server.js';
import { sampleNotification } from '../helpers/sample-notification.js';

const testDir = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(testDir, '../..');
let dir: string;
let hanging: LoopbackServer;
let healthy: LoopbackServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alerts-outbox-'));
  hanging = await startLoopbackServer();
  healthy = await startLoopbackServer();
});

afterAll(async () => {
  await hanging.close();
  await healthy.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the child until it reports its queue, then kills it with SIGKILL. */
async function crashChild(outboxPath: string): Promise<number> {
  // A 200 here would mark the first notification done before the kill. The
  // queue sends one at a time, so holding the first request keeps all three.
  hanging.plan({ kind: 'never' });
  const child = spawn(process.execPath, [
    join(testDir, '../helpers/outbox-child.mjs'),
    pathToFileURL(join(packageDir, 'dist/index.js')).href,
    outboxPath,
    `${hanging.url}/hook`,
  ]);
  let output = '';
  const line = await new Promise<string>((resolveLine, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) {
        resolveLine(output);
      }
    });
    child.stderr.on('data', (chunk: Buffer) =>
      reject(new Error(String(chunk))),
    );
  });
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGKILL');
  await exited;
  return JSON.parse(line).queued;
}

describe('outbox', () => {
  test('delivers what a killed process left', async () => {
    execFileSync(process.execPath, [
      join(packageDir, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(packageDir, 'tsconfig.build.json'),
    ]);
    const outboxPath = join(dir, 'outbox.jsonl');
    expect(await crashChild(outboxPath)).toBe(3);

    const router = new AlertRouter({
      destinations: [{ type: 'webhook', name: 'hook', url: healthy.url }],
      outboxPath,
    });
    await router.flush(5_000);
    const services = healthy.requests
      .map((r) => JSON.parse(r.body).alerts[0].labels.service)
      .sort();
    expect(services).toEqual(['api', 'db', 'web']);
    expect(router.getStatus().notifications.recovered).toBe(3);
    await router.close(100);
  });

  test('forgets delivered notifications', () => {
    const path = join(dir, 'done.jsonl');
    const outbox = new Outbox(path);
    outbox.load();
    outbox.add(sampleNotification());
    outbox.add(sampleNotification({ idempotencyKey: 'key-2' }));
    outbox.done(sampleNotification());
    const pending = new Outbox(path).load();
    expect(pending.map((n) => n.idempotencyKey)).toEqual(['key-2']);
  });

  test('skips a torn last line', () => {
    const path = join(dir, 'torn.jsonl');
    const line = JSON.stringify({
      op: 'add',
      notification: sampleNotification(),
    });
    writeFileSync(path, `${line}\n{"op":"add","notifica`);
    const outbox = new Outbox(path);
    expect(outbox.load()).toHaveLength(1);
    expect(outbox.invalidLines).toBe(1);
  });

  test('compacts the file on load', () => {
    const path = join(dir, 'compact.jsonl');
    const outbox = new Outbox(path);
    outbox.load();
    outbox.add(sampleNotification());
    outbox.done(sampleNotification());
    new Outbox(path).load();
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  test('marks recovered notifications done', async () => {
    const path = join(dir, 'recovered.jsonl');
    const outbox = new Outbox(path);
    outbox.load();
    outbox.add(sampleNotification({ receiver: 'hook' }));
    const router = new AlertRouter({
      destinations: [{ type: 'webhook', name: 'hook', url: healthy.url }],
      outboxPath: path,
    });
    await vi.waitFor(() => {
      expect(router.getStatus().destinations.hook?.delivered).toBe(1);
    });
    await router.close(100);
    expect(new Outbox(path).load()).toHaveLength(0);
  });
});

describe('outbox errors', () => {
  test('survive an impossible folder', () => {
    execFileSync(process.execPath, [
      join(packageDir, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(packageDir, 'tsconfig.build.json'),
    ]);
    // In a child, so that a recursive mkdir that spins fails by timeout.
    // Node 20's recursive mkdir loops forever under /proc.
    const child = spawnSync(
      process.execPath,
      [
        join(testDir, '../helpers/folder-child.mjs'),
        pathToFileURL(join(packageDir, 'dist/index.js')).href,
        '/proc/mmorch-missing/alerts',
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );

    expect(child.signal).toBeNull();
    const result = JSON.parse(child.stdout);
    expect(result.outbox).toBe('OUTBOX_FAILED');
    expect(result.deadLettered).toBe(1);
    expect(result.degradationReason).toMatch(/dead-letter file write failed/);
  });

  test('name the path at startup', () => {
    expect(
      () =>
        new AlertRouter({
          destinations: [{ type: 'memory', name: 'm' }],
          outboxPath: dir,
        }),
    ).toThrow(/outbox file ".*" could not be read or rewritten \(EISDIR/);
  });
});
