import { it } from 'vitest';
import { run } from '../../src/commands/demo.js';
it('scratch', async () => {
  const code = await run((process.env.DEMO_ARGS ?? '').split(' ').filter(Boolean), {
    stdout: { write: (t: string) => process.stdout.write(t) },
    stderr: { write: (t: string) => process.stdout.write(t) },
  });
  console.log('exit', code);
}, 300_000);
