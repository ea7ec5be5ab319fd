import { type CommandIo, processIo } from '../replay/command-io.js';

const COMMANDS: Record<
  string,
  () => Promise<{ run(argv: string[]): Promise<number> }>
> = {
  serve: () => import('./serve.js'),
  replay: () => import('./replay.js'),
  demo: () => import('./demo.js'),
};

const USAGE =
  `usage: mm-orch <${Object.keys(COMMANDS).join('|')}> [options]\n` +
  "run 'mm-orch COMMAND --help' for the options of a command\n";

/**
 * Runs the `mm-orch` command named by `argv[0]` and returns its exit code:
 * 0 after `--help`, 2 for a missing or unknown command.
 */
export async function dispatch(
  argv: string[],
  io: CommandIo = processIo,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  const load = name === undefined ? undefined : COMMANDS[name];
  if (!load) {
    const unknown = name === undefined ? '' : `unknown command "${name}"\n`;
    io.stderr.write(`${unknown}${USAGE}`);
    return 2;
  }

  const command = await load();
  return command.run(rest);
}
