import { describe, expect, test } from 'vitest';
import { ConsoleDestination } from '../../src/destinations/console-destination.js';
import { sampleNotification } from '../helpers/sample-notification.js';

function sink() {
  const chunks: string[] = [];
  return { chunks, write: (text: string) => chunks.push(text) };
}

const signal = new AbortController().signal;

describe('ConsoleDestination', () => {
  test('writes readable text', async () => {
    const stdout = sink();
    const destination = new ConsoleDestination({ name: 'console', stdout });
    await destination.send(sampleNotification(), { signal });
    expect(stdout.chunks.join('')).toMatchInlineSnapshot(`
      "2026-01-01T00:00:30.000Z team [FIRING:1] HighLatency
        firing HighLatency {model=a}
      "
    `);
  });

  test('writes JSON lines', async () => {
    const stdout = sink();
    const destination = new ConsoleDestination({
      name: 'console',
      format: 'json',
      stdout,
    });
    await destination.send(sampleNotification(), { signal });
    expect(JSON.parse(stdout.chunks[0] ?? '').groupKey).toBe(
      '0:{alertname="HighLatency"}',
    );
  });
});
