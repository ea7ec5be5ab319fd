#!/usr/bin/env node
// Packs every publishable package, lints each tarball with publint and
// @arethetypeswrong/cli, then installs it with npm into a fresh project
// outside the workspace and imports it from an ESM script and from a
// TypeScript file checked with `tsc --noEmit`. Needs a prior `pnpm build`.

import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const PACKAGES_DIR = join(ROOT, 'packages');

/** One named export per package that the import checks look for. */
const EXPECTED_EXPORT = {
  '@mm-orch/config': 'loadConfig',
  '@mm-orch/metrics': 'PrometheusExporter',
  '@mm-orch/tracing': 'OTelTracer',
  '@mm-orch/anomaly': 'PerformanceMonitor',
  '@mm-orch/alerts': 'AlertRouter',
};

const TYPESCRIPT_VERSION = '5.9.3';
const NODE_TYPES_VERSION = '20';

function run(command, args, cwd) {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function readManifest(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

function packAll(destination) {
  mkdirSync(destination, { recursive: true });
  const tarballs = new Map();
  for (const entry of readdirSync(PACKAGES_DIR)) {
    const dir = join(PACKAGES_DIR, entry);
    const manifest = readManifest(dir);
    if (manifest.private) {
      continue;
    }

    const before = new Set(readdirSync(destination));
    run('pnpm', ['pack', '--pack-destination', destination], dir);
    const created = readdirSync(destination).find((f) => !before.has(f));
    if (!created) {
      throw new Error(`pnpm pack wrote no tarball for ${manifest.name}`);
    }
    tarballs.set(manifest.name, {
      tarball: join(destination, created),
      manifest,
    });
  }
  return tarballs;
}

/** Lists the workspace packages a package needs, itself included. */
function closure(name, tarballs, seen = new Set()) {
  if (seen.has(name)) {
    return seen;
  }
  seen.add(name);
  const { manifest } = tarballs.get(name);
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    if (tarballs.has(dependency)) {
      closure(dependency, tarballs, seen);
    }
  }
  return seen;
}

function lintTarball(name, tarball, workDir) {
  const unpacked = join(workDir, 'unpacked');
  mkdirSync(unpacked, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', unpacked], ROOT);
  run(
    join(ROOT, 'node_modules/.bin/publint'),
    [join(unpacked, 'package'), '--pack', 'false', '--strict'],
    ROOT,
  );
  run(
    join(ROOT, 'node_modules/.bin/attw'),
    [tarball, '--profile', 'esm-only', '--format', 'table'],
    ROOT,
  );
  console.log(`  ${name}: publint and attw passed`);
}

function installAlone(name, tarballs, workDir) {
  const project = join(workDir, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'pack-check', private: true, type: 'module' }),
  );

  const needed = [...closure(name, tarballs)].map(
    (n) => tarballs.get(n).tarball,
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...needed,
      `typescript@${TYPESCRIPT_VERSION}`,
      `@types/node@${NODE_TYPES_VERSION}`,
    ],
    project,
  );

  const symbol = EXPECTED_EXPORT[name];
  writeFileSync(
    join(project, 'check.mjs'),
    [
      `import * as pkg from '${name}';`,
      `if (pkg.${symbol} === undefined) {`,
      `  throw new Error('${name} does not export ${symbol}');`,
      '}',
      '',
    ].join('\n'),
  );
  run('node', ['check.mjs'], project);

  writeFileSync(
    join(project, 'check.ts'),
    [
      `import { ${symbol} } from '${name}';`,
      `export const imported: unknown = ${symbol};`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        strict: true,
        noEmit: true,
        types: ['node'],
      },
      files: ['check.ts'],
    }),
  );
  run(join(project, 'node_modules/.bin/tsc'), ['-p', '.'], project);
  console.log(`  ${name}: installed alone, imported from ESM and TypeScript`);
}

function main() {
  const workRoot = mkdtempSync(join(tmpdir(), 'mm-orch-pack-'));
  try {
    const tarballs = packAll(join(workRoot, 'tarballs'));
    for (const [name, { tarball }] of tarballs) {
      const workDir = join(workRoot, name.replace('/', '__'));
      mkdirSync(workDir, { recursive: true });
      console.log(`checking ${name}`);
      lintTarball(name, tarball, workDir);
      installAlone(name, tarballs, workDir);
    }
    console.log(`${tarballs.size} packages checked`);
  } catch (error) {
    const output = [error.stdout, error.stderr].filter(Boolean).join('\n');
    console.error(`check:packages failed: ${error.message}\n${output}`);
    process.exitCode = 1;
  } finally {
    rmSync(workRoot, { recursive: true, force: true });
  }
}

main();
