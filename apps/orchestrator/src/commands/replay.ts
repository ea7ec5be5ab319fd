/** Runs the `mm-orch replay` command and returns its exit code. */
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('mm-orch replay: not implemented yet\n');
  return 1;
}
