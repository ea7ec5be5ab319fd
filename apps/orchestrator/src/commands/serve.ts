/** Runs the `mm-orch serve` command and returns its exit code. */
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('mm-orch serve: not implemented yet\n');
  return 1;
}
