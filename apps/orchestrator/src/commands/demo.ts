/** Runs the `mm-orch demo` command and returns its exit code. */
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('mm-orch demo: not implemented yet\n');
  return 1;
}
