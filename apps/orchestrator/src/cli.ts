#!/usr/bin/env node
// Entry point of the `mm-orch` command: dispatches to one module per command.

const COMMANDS: Record<
  string,
  () => Promise<{ run(argv: string[]): Promise<number> }>
> = {
  serve: () => import('./commands/serve.js'),
  replay: () => import('./commands/replay.js'),
  demo: () => import('./commands/demo.js'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(
      `usage: mm-orch <${Object.keys(COMMANDS).join('|')}> [options]\n`,
    );
    return 2;
  }

  const command = await load();
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mm-orch: ${message}\n`);
    process.exitCode = 1;
  },
);
