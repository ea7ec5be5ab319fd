import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import { ConfigError, type ConfigProblem } from './config-error.js';
import type { SourceLocator } from './parse-config.js';

/** Parsed content of a configuration file. */
export interface ConfigFile {
  /** Parsed value; an empty file gives `{}`. */
  data: unknown;
  /** Finds `file:line:column` of the value at a path. */
  locate: SourceLocator;
}

const FORMATS: Record<string, 'json' | 'yaml'> = {
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
};

/**
 * Reads a `.json`, `.yaml` or `.yml` configuration file. Throws a
 * `ConfigError` coded `CONFIG_FILE_NOT_READABLE`, `CONFIG_FILE_SYNTAX`
 * (listing every syntax error with its line and column) or
 * `CONFIG_FILE_UNSUPPORTED`.
 */
export function readConfigFile(file: string): ConfigFile {
  const format = FORMATS[extname(file).toLowerCase()];
  if (format === undefined) {
    const extension = JSON.stringify(extname(file));
    throw new ConfigError(
      'CONFIG_FILE_UNSUPPORTED',
      [
        {
          code: 'invalid_format',
          path: [],
          expected: 'a .json, .yaml or .yml file',
          received: extension,
          message: `unsupported file extension ${extension}, use .json, .yaml or .yml`,
        },
      ],
      { file },
    );
  }

  const text = stripByteOrderMark(readText(file));
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const data =
    format === 'json'
      ? parseJson(file, text, lines)
      : toData(file, document, lines);
  return { data: data ?? {}, locate: locator(file, document, lines) };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(
      'CONFIG_FILE_NOT_READABLE',
      [
        {
          code: 'custom',
          path: [],
          message: `cannot read the file (${reason})`,
        },
      ],
      { file, cause: error },
    );
  }
}

// Editors on Windows often save UTF-8 with a byte order mark, which
// `JSON.parse` rejects as an unexpected token.
function stripByteOrderMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function parseJson(file: string, text: string, lines: LineCounter): unknown {
  if (text.trim() === '') {
    return {};
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const syntax: ConfigProblem = {
      code: 'syntax',
      path: [],
      message: `invalid JSON, ${jsonErrorReason(error as Error)}`,
    };
    const position = /at position (\d+)/.exec((error as Error).message);
    if (position) {
      const { line, col } = lines.linePos(Number(position[1]));
      syntax.source = `${file}:${line}:${col}`;
    }
    // The cause is left out because its message may quote the file's text.
    throw new ConfigError('CONFIG_FILE_SYNTAX', [syntax], { file });
  }
}

// For an unexpected token, V8 (Node.js 20) quotes the text around it, or a
// short file whole: `Unexpected token 's', ..."key": s3cr3..." is not
// valid JSON`. That text may be a secret, so the quoted part is cut off.
function jsonErrorReason(error: Error): string {
  return error.message.replace(/, (?:\.\.\.)?".*$/s, '');
}

function toData(file: string, document: Document, lines: LineCounter) {
  if (document.errors.length > 0) {
    const problems = document.errors.map((error): ConfigProblem => {
      const position = lines.linePos(error.pos[0]);
      return {
        code: 'syntax',
        path: [],
        message: `invalid YAML, ${firstLine(error.message)}`,
        source: `${file}:${position.line}:${position.col}`,
      };
    });
    throw new ConfigError('CONFIG_FILE_SYNTAX', problems, { file });
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // `toJS` throws on an alias that expands too far (a "billion laughs"
    // file), a structural problem of the file rather than of a value.
    const problem: ConfigProblem = {
      code: 'syntax',
      path: [],
      message: `invalid YAML, ${firstLine((error as Error).message)}`,
    };
    throw new ConfigError('CONFIG_FILE_SYNTAX', [problem], {
      file,
      cause: error,
    });
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}

// JSON is a subset of YAML 1.2, so the YAML document gives positions for
// JSON files too. A path that ends at a missing key points at its parent.
function locator(
  file: string,
  document: Document,
  lines: LineCounter,
): SourceLocator {
  return (path) => {
    for (let end = path.length; end >= 0; end--) {
      const node = document.getIn(path.slice(0, end), true);
      if (isNode(node) && node.range) {
        const position = lines.linePos(node.range[0]);
        return `${file}:${position.line}:${position.col}`;
      }
    }
    return file;
  };
}
