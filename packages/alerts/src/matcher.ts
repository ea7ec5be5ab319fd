import { AlertsError } from './errors.js';
import { compileGoRegExp } from './go-regexp.js';

/** Operator of a label matcher, as in Alertmanager. */
export type MatchOperator = '=' | '!=' | '=~' | '!~';

/** One parsed label matcher. */
export interface Matcher {
  /** Label name. */
  name: string;
  /** Operator. */
  operator: MatchOperator;
  /** Value, or the regular expression source for `=~` and `!~`. */
  value: string;
}

/** Matcher with its regular expression compiled, anchored at both ends. */
interface CompiledMatcher extends Matcher {
  regex: RegExp | undefined;
}

const OPERATORS: MatchOperator[] = ['=~', '!~', '!=', '='];
const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  '"': '"',
  '\\': '\\',
};

class MatcherParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): Matcher[] {
    const matchers: Matcher[] = [];
    this.skipSpace();
    const braced = this.text[this.pos] === '{';
    if (braced) {
      this.pos += 1;
    }

    for (;;) {
      this.skipSpace();
      if (this.atEnd() || this.text[this.pos] === '}') {
        break;
      }
      matchers.push(this.parseOne());
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos += 1;
      } else {
        break;
      }
    }

    this.skipSpace();
    if (braced) {
      this.expect('}');
      this.skipSpace();
    }
    if (!this.atEnd()) {
      this.fail('a comma or the end of the matchers');
    }
    return matchers;
  }

  private parseOne(): Matcher {
    const name =
      this.text[this.pos] === '"' ? this.parseQuoted() : this.parseName();
    this.skipSpace();
    const operator = OPERATORS.find((op) => this.text.startsWith(op, this.pos));
    if (!operator) {
      this.fail('one of =, !=, =~, !~');
    }
    this.pos += operator.length;
    this.skipSpace();

    const value =
      this.text[this.pos] === '"' ? this.parseQuoted() : this.parseBareValue();
    return { name, operator, value };
  }

  private parseName(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_.:-]*/.exec(this.text.slice(this.pos));
    if (!match) {
      this.fail('a label name');
    }
    this.pos += match[0].length;
    return match[0];
  }

  private parseBareValue(): string {
    const match = /^[^,}"\s]*/.exec(this.text.slice(this.pos));
    const value = match?.[0] ?? '';
    this.pos += value.length;
    return value;
  }

  /**
   * Reads a double-quoted string. `\"`, `\n` and `\t` are escapes, and so
   * is `\\`, except that inside a regular expression a backslash before any
   * other character is kept, so `"\d+"` stays a digit class.
   */
  private parseQuoted(): string {
    const start = this.pos;
    this.pos += 1;
    let value = '';
    while (!this.atEnd()) {
      const char = this.text[this.pos] as string;
      if (char === '"') {
        this.pos += 1;
        return value;
      }
      if (char === '\\') {
        const next = this.text[this.pos + 1] ?? '';
        const escaped = ESCAPES[next];
        value += escaped ?? `\\${next}`;
        this.pos += 2;
        continue;
      }
      value += char;
      this.pos += 1;
    }
    this.pos = start;
    this.fail('a closing double quote');
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) {
      this.pos += 1;
    }
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) {
      this.fail(`"${char}"`);
    }
    this.pos += 1;
  }

  private fail(expected: string): never {
    const found = this.atEnd()
      ? 'the end of the text'
      : JSON.stringify(this.text.slice(this.pos, this.pos + 10));
    throw new AlertsError(
      'INVALID_MATCHER',
      `matchers ${JSON.stringify(this.text)} are invalid at character ${this.pos + 1}: expected ${expected}, received ${found}; write them as name="value", name!="value", name=~"regex" or name!~"regex"`,
    );
  }
}

/**
 * Parses matchers in Alertmanager's syntax, such as
 * `{severity="critical", service=~"api|web", note!="a, \"b\""}`; the braces
 * are optional. Throws `AlertsError` with code `INVALID_MATCHER`.
 */
export function parseMatchers(text: string | string[]): Matcher[] {
  const texts = typeof text === 'string' ? [text] : text;
  return texts.flatMap((one) => new MatcherParser(one).parse());
}

/** Compiled form of parsed matchers, checked once at the edge. */
export type MatcherSet = readonly CompiledMatcher[];

/** Parses and compiles matchers; regular expressions match whole values. */
export function compileMatchers(
  text: string | string[] | undefined,
): MatcherSet {
  if (text === undefined) {
    return [];
  }

  return parseMatchers(text).map((matcher) => {
    if (matcher.operator === '=' || matcher.operator === '!=') {
      return { ...matcher, regex: undefined };
    }
    try {
      return { ...matcher, regex: compileGoRegExp(matcher.value) };
    } catch (error) {
      if (error instanceof AlertsError) {
        throw error;
      }
      throw new AlertsError(
        'INVALID_MATCHER',
        `matcher ${matcher.name}${matcher.operator}"${matcher.value}" has an invalid regular expression; fix the pattern`,
        { cause: error },
      );
    }
  });
}

/**
 * Checks whether labels satisfy every matcher. A missing label counts as
 * `""`.
 */
export function matchesAll(
  matchers: MatcherSet,
  labels: Record<string, string>,
): boolean {
  for (const matcher of matchers) {
    const value = labels[matcher.name] ?? '';
    let ok: boolean;
    switch (matcher.operator) {
      case '=':
        ok = value === matcher.value;
        break;
      case '!=':
        ok = value !== matcher.value;
        break;
      case '=~':
        ok = matcher.regex!.test(value);
        break;
      case '!~':
        ok = !matcher.regex!.test(value);
        break;
    }
    if (!ok) {
      return false;
    }
  }
  return true;
}

/** Formats matchers back into Alertmanager's syntax. */
export function formatMatchers(matchers: readonly Matcher[]): string {
  const parts = matchers.map(
    (m) =>
      `${m.name}${m.operator}"${m.value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
  );
  return `{${parts.join(', ')}}`;
}
