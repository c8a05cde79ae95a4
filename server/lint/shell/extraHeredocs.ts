/**
 * tree-sitter-bash cannot parse a line with two heredoc operators (`cat <<A >/a && cat <<B >/b`), which bash
 * reads body after body. For a script it rejected, `withExtraHeredocsBlanked` keeps the first heredoc of each such
 * line and turns the others into plain input redirections (`<<B` becomes `< B`), their bodies and end lines into
 * blank lines. Every character keeps its place, so the script's offsets still hold. The commands of the line are
 * then all read; the bodies of the later heredocs are not (when a shell runs one, its commands go unchecked).
 */
import type { ShellSource } from './source';

/** `<<`, `<<-`, then the delimiter word, quoted or not. `<<<` (a here-string) is not a heredoc. */
const OPERATOR = /(?<!<)<<(-?)[ \t]*('([^'\n]*)'|"([^"\n]*)"|\\?([^\s;&|<>()'"]+))/y;

interface Operator {
  /** Script offsets of `<<` or `<<-`. */
  start: number;
  prefixLength: number;
  delimiter: string;
  stripsTabs: boolean;
}

/** The script with only one heredoc per line, or undefined when no line has two. */
export function withExtraHeredocsBlanked(source: ShellSource): ShellSource | undefined {
  const script = source.script;
  if (script.indexOf('<<') === script.lastIndexOf('<<')) {
    return undefined;
  }
  const chars = script.split('');
  let changed = false;
  let lineStart = 0;
  while (lineStart < script.length) {
    const lineEnd = endOfLine(script, lineStart);
    const operators = operatorsIn(script, lineStart, lineEnd);
    let next = lineEnd + 1;
    for (const [index, operator] of operators.entries()) {
      const bodyStart = next;
      next = afterTerminator(script, bodyStart, operator);
      if (index === 0) {
        continue;
      }
      changed = true;
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
  return changed ? { script: chars.join(''), offsets: source.offsets } : undefined;
}

function endOfLine(script: string, from: number): number {
  const end = script.indexOf('\n', from);
  return end < 0 ? script.length : end;
}

/** The heredoc operators of one line, outside quotes, arithmetic and comments. */
function operatorsIn(script: string, start: number, end: number): Operator[] {
  const operators: Operator[] = [];
  let quote: string | undefined;
  for (let i = start; i < end; i++) {
    const char = script[i];
    if (quote) {
      if (char === quote) {
        quote = undefined;
      } else if (char === '\\' && quote === '"') {
        i++;
      }
    } else if (char === '\\') {
      i++;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '#' && (i === start || /\s/.test(script[i - 1]))) {
      break;
    } else if (char === '(' && script[i + 1] === '(') {
      // Arithmetic (`$((1<<2))`, `((x <<= 1))`): its `<<` shifts.
      const close = script.indexOf('))', i + 2);
      if (close >= 0 && close < end) {
        i = close + 1;
      }
    } else if (char === '<') {
      OPERATOR.lastIndex = i;
      const match = OPERATOR.exec(script);
      if (match && match.index + match[0].length <= end) {
        operators.push({ start: i, prefixLength: 2 + match[1].length, delimiter: match[3] ?? match[4] ?? match[5], stripsTabs: match[1] === '-' });
        i += match[0].length - 1;
      } else if (script[i + 1] === '<') {
        // `<<<`, or `<<` without a word: skip the run of `<`.
        while (script[i + 1] === '<') {
          i++;
        }
      }
    }
  }
  return operators;
}

/** Where the line after a heredoc's end line starts (the script's length when the end line is missing). */
function afterTerminator(script: string, bodyStart: number, operator: Operator): number {
  let lineStart = bodyStart;
  while (lineStart < script.length) {
    const lineEnd = endOfLine(script, lineStart);
    let line = script.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (operator.stripsTabs) {
      line = line.replace(/^\t+/, '');
    }
    if (line === operator.delimiter) {
      return lineEnd + 1;
    }
    lineStart = lineEnd + 1;
  }
  return script.length;
}
