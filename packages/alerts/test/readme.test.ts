import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test, vi } from 'vitest';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(packageDir, '.readme-test-'));

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** Returns the first `ts` code block under `## First use` in the README. */
function firstExample(): string {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## First use'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) {
    throw new Error('README.md has no ts block under "## First use"');
  }
  return match[1];
}

describe('README', () => {
  test('first example runs', async () => {
    const source = firstExample()
      .replace(
        "from '@mm-orch/alerts'",
        `from ${JSON.stringify(join(packageDir, 'src/index.ts'))}`,
      )
      .replace("'./alerts-dead-letter.jsonl'", JSON.stringify(join(dir, 'dl')));
    const file = join(dir, 'first-use.ts');
    writeFileSync(file, source);
    const logged: unknown[] = [];
    vi.spyOn(console, 'log').mockImplementation((value) => {
      logged.push(value);
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);

    await import(pathToFileURL(file).href);
    expect(logged[0]).toBe('[FIRING:1] HighLatency');
    expect(logged[1]).toMatchObject({ silenced: 1, inhibited: 1 });
  });
});
