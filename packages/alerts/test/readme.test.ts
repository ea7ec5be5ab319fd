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

/** Returns every `ts` code block in the README after the first one. */
function laterExamples(): string[] {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)];
  return blocks.slice(1).map((match) => match[1] ?? '');
}

/** Points the package imports of an example at the workspace sources. */
function toRunnable(example: string): string {
  const alerts = JSON.stringify(join(packageDir, 'src/index.ts'));
  const config = JSON.stringify(join(packageDir, '../config/src/index.ts'));
  const source = example
    .replace("from '@mm-orch/alerts'", `from ${alerts}`)
    .replace("from '@mm-orch/config'", `from ${config}`);
  return source.includes(alerts)
    ? source
    : `import { AlertRouter } from ${alerts};\n${source}`;
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

  test.each(laterExamples().map((example, index) => [index + 2, example]))(
    'example %i runs',
    async (index, example) => {
      const file = join(dir, `example-${index}.ts`);
      writeFileSync(file, toRunnable(example));
      await expect(import(pathToFileURL(file).href)).resolves.toBeDefined();
    },
  );
});
