import { describe, expect, it } from 'vitest';
import {
  parseChatRequest,
  parseCompletionRequest,
} from '../../src/server/openai-request.js';

describe('OpenAI request parsing', () => {
  it('reads a completion', () => {
    const parsed = parseCompletionRequest({
      model: 'm',
      prompt: ['abcdefgh'],
      max_tokens: 5,
    });

    expect(parsed).toMatchObject({
      model: 'm',
      prompt: 'abcdefgh',
      maxTokens: 5,
      inputTokens: 2,
    });
  });

  it('reads chat text parts', () => {
    const parsed = parseChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      max_completion_tokens: 2,
      stream: true,
    });

    expect(parsed.messages).toEqual([{ role: 'user', content: 'hi' }]);
    expect(parsed.maxTokens).toBe(2);
    expect(parsed.stream).toBe(true);
  });

  it.each([
    [{ prompt: 'x' }, /"model" is missing/],
    [{ model: 'm', prompt: 'x', max_tokens: 0 }, /max_tokens/],
    [{ model: 'm', prompt: 'x', n: 2 }, /"n" must be 1/],
    [{ model: 'm', prompt: 3 }, /"prompt" must be a string/],
    [{ model: 5, prompt: 'x' }, /"model" must be a string, received 5/],
    [{ model: 'm', prompt: 'x', stream: 'yes' }, /"stream" must be true/],
  ])('rejects %j', (body, message) => {
    expect(() => parseCompletionRequest(body)).toThrow(message);
  });

  it('rejects empty messages', () => {
    expect(() => parseChatRequest({ model: 'm', messages: [] })).toThrow(
      /messages/,
    );
  });
});
