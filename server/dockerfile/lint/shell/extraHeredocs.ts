/**
 * tree-sitter-bash cannot parse a line with two heredoc operators (`cat <<A >/a && cat <<B >/b`), which bash
 * reads body after body. For a script it rejected, `withExtraHeredocsBlanked` keeps the first heredoc of each such
 * line and turns the others into plain input redirections (`<<B` becomes `< B`), their bodies and end lines into
 * blank lines. Every character keeps its place, so the script's offsets still hold. The commands of the line are
 * then all read, and the later heredocs are returned with the words of the command they feed, so that a body a
 * shell runs (`… && bash <<B`) can be read as a script of its own.
 */
import type { ShellSource } from './source';
import { scanUnquoted } from './unquoted';

/** `<<`, `<<-`, then the delimiter word, quoted or not. `<<<` (a here-string) is not a heredoc. */
const OPERATOR = /(?<!<)<<(-?)[ \t]*('([^'\n]*)'|"([^"\n]*)"|\\?([^\s;&|<>()'"]+))/y;

interface Operator {
  /** Script offsets of `<<` or `<<-`. */
  start: number;
  prefixLength: number;
  delimiter: string;
  stripsTabs: boolean;
  /**
   * The words between the previous `&&`, `||`, `;`, `|`, `&` or `(` and the command's first heredoc operator: the
   * command the heredoc feeds (shared by the command's operators).
   */
  commandWords: string[];
}

export interface LaterHeredoc {
  commandWords: string[];
  /** The body as written, without its end line. */
  body: ShellSource;
}

/** The script with only one heredoc per line, or undefined when no line has two. */
export function withExtraHeredocsBlanked(source: ShellSource): { source: ShellSource; laterHeredocs: LaterHeredoc[] } | undefined {
  const script = source.script;
  if (script.indexOf('<<') === script.lastIndexOf('<<')) {
    return undefined;
  }
  const chars = script.split('');
  const laterHeredocs: LaterHeredoc[] = [];
  let lineStart = 0;
  while (lineStart < script.length) {
    const lineEnd = endOfLine(script, lineStart);
    const operators = operatorsIn(script, lineStart, lineEnd);
    let next = lineEnd + 1;
    for (const [index, operator] of operators.entries()) {
      const bodyStart = next;
      const body = bodyOf(script, bodyStart, operator);
      next = body.next;
      if (index === 0) {
        continue;
      }
      laterHeredocs.push({
        commandWords: operator.commandWords,
        body: { script: script.slice(bodyStart, body.end), offsets: source.offsets.slice(bodyStart, body.end) },
      });
      chars[operator.start + 1] = ' ';
      if (operator.prefixLength === 3) {
        chars[operator.start + 2] = ' ';
      }
      for (let i = bodyStart; i < Math.min(next, script.length); i++) {
        if (chars[i] !== '\n') {
          chars[i] = ' ';
        }
      }
    }
    lineStart = next;
  }
  return laterHeredocs.length > 0 ? { source: { script: chars.join(''), offsets: source.offsets }, laterHeredocs } : undefined;
}

function endOfLine(script: string, from: number): number {
  const end = script.indexOf('\n', from);
  return end < 0 ? script.length : end;
}

/** The heredoc operators of one line, outside quotes, arithmetic and comments. */
function operatorsIn(script: string, start: number, end: number): Operator[] {
  const operators: Operator[] = [];
  let commandStart = start;
  let commandWords: string[] | undefined;
  scanUnquoted(script, start, end, (i) => {
    const char = script[i];
    if (char === '#' && (i === start || /\s/.test(script[i - 1]))) {
      return false;
    }
    if (char === '(' && script[i + 1] === '(') {
      // Arithmetic (`$((1<<2))`, `((x <<= 1))`): its `<<` shifts.
      const close = script.indexOf('))', i + 2);
      return close >= 0 && close < end ? close + 2 : undefined;
    }
    if (char === ';' || char === '&' || char === '|' || char === '(') {
      commandStart = i + 1;
      commandWords = undefined;
    } else if (char === '<') {
      OPERATOR.lastIndex = i;
      const match = OPERATOR.exec(script);
      if (match && match.index + match[0].length <= end) {
        // Read once per command: a line of garbage may hold thousands of operators.
        commandWords ??= script.slice(commandStart, i).trim().split(/\s+/).filter(Boolean);
        operators.push({ start: i, prefixLength: 2 + match[1].length, delimiter: match[3] ?? match[4] ?? match[5], stripsTabs: match[1] === '-', commandWords });
        return i + match[0].length;
      }
      // `<<<`, or `<<` without a word: past the run of `<`.
      let after = i + 1;
      while (script[after] === '<') {
        after++;
      }
      return after;
    }
    return undefined;
  });
  return operators;
}

/** Where a heredoc's body ends (its end line's start) and the line after its end line starts; both the script's end without an end line. */
function bodyOf(script: string, bodyStart: number, operator: Operator): { end: number; next: number } {
  let lineStart = bodyStart;
  while (lineStart < script.length) {
    const lineEnd = endOfLine(script, lineStart);
    let line = script.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (operator.stripsTabs) {
      line = line.replace(/^\t+/, '');
    }
    if (line === operator.delimiter) {
      return { end: lineStart, next: lineEnd + 1 };
    }
    lineStart = lineEnd + 1;
  }
  return { end: script.length, next: script.length };
}
