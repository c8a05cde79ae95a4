/**
 * BuildKit's `RUN <<EOF` and `RUN <<EOF bash -ex` start the script with a heredoc operator. Bash accepts a
 * redirection before its command, or alone; tree-sitter-bash does not accept a heredoc there. Such a script is
 * handed to the parser with the operators moved after the first command (`bash -ex <<EOF`), or after a
 * placeholder `:` when there is none. Every moved character keeps its Dockerfile offset.
 */
import { OffsetMapBuilder } from './offsetMap';
import type { ShellSource } from './source';
import { scanUnquoted } from './unquoted';

export interface PreparedSource {
  source: ShellSource;
  /** Where a `:` was put in front of the heredocs, when there is no command: that command is not the script's. */
  placeholderAt: number | undefined;
}

const HEREDOC_OPERATOR = /^<<-?[ \t]*(?:'[^'\n]*'|"[^"\n]*"|[^\s;&|<>()'"]+)[ \t]*/;

export function withLeadingHeredocsMoved(source: ShellSource): PreparedSource {
  const { script, offsets } = source;
  let lineEnd = script.indexOf('\n');
  if (lineEnd < 0) {
    lineEnd = script.length;
  }
  let first = 0;
  while (script[first] === ' ' || script[first] === '\t') {
    first++;
  }
  let position = first;
  const operators: [number, number][] = [];
  for (let match = HEREDOC_OPERATOR.exec(script.slice(position, lineEnd)); match; match = HEREDOC_OPERATOR.exec(script.slice(position, lineEnd))) {
    operators.push([position, position + match[0].trimEnd().length]);
    position += match[0].length;
  }
  if (operators.length === 0) {
    return { source, placeholderAt: undefined };
  }
  const commandEnd = position + firstCommandLength(script.slice(position, lineEnd));
  const placeholder = script.slice(position, commandEnd).trim() === '';

  let moved = '';
  const movedOffsets = new OffsetMapBuilder();
  let lastEnd = 0;
  const real = (from: number, to: number) => {
    moved += script.slice(from, to);
    movedOffsets.copy(offsets, from, to);
    lastEnd = to;
  };
  const synthetic = (text: string) => {
    moved += text;
    movedOffsets.repeated(offsets.at(lastEnd), text.length);
  };
  real(0, first);
  if (placeholder) {
    synthetic(': ');
  } else {
    real(position, commandEnd);
    synthetic(' ');
  }
  for (const [from, to] of operators) {
    real(from, to);
    synthetic(' ');
  }
  real(commandEnd, script.length);
  return { source: { script: moved, offsets: movedOffsets.build(offsets.at(script.length)) }, placeholderAt: placeholder ? first : undefined };
}

/** Up to the first `;`, `&`, `|` or `#` outside quotes: the command the heredocs feed. */
function firstCommandLength(line: string): number {
  let length = line.length;
  scanUnquoted(line, 0, line.length, (i) => {
    const char = line[i];
    if (char === ';' || char === '&' || char === '|' || (char === '#' && (i === 0 || /\s/.test(line[i - 1])))) {
      length = i;
      return false;
    }
    return undefined;
  });
  return length;
}
