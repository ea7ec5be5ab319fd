import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/commands/dispatch.js';
import { captureIo } from '../replay/capture-io.js';

describe('dispatch', () => {
  it('prints usage on --help', async () => {
    const io = captureIo();

    const code = await dispatch(['--help'], io);

    expect(code).toBe(0);
    expect(io.out()).toMatch(/^usage: mm-orch <serve\|replay\|demo>/);
    expect(io.err()).toBe('');
  });

  it('names an unknown command', async () => {
    const io = captureIo();

    const code = await dispatch(['serv'], io);

    expect(code).toBe(2);
    expect(io.err()).toMatch(/^unknown command "serv"\n/);
  });

  it('rejects a missing command', async () => {
    const io = captureIo();

    const code = await dispatch([], io);

    expect(code).toBe(2);
    expect(io.err()).toMatch(/^usage: mm-orch/);
  });
});
