/**
 * Continuation lines whose leading whitespace is content. BuildKit strips the leading whitespace of an
 * instruction's first line only: a continuation line keeps its own, which then belongs to
 * - a quoted string the line starts in: `RUN python3 -c "\` then `import os"` runs Python on `import os`; the
 *   second line indented runs it on `    import os`, an IndentationError, and `ENV GREETING="hello \` then
 *   `world"` gets four more spaces in its value;
 * - the value of an instruction that takes the rest of its text as one value: the legacy `ENV NAME value`
 *   form, WORKDIR and MAINTAINER.
 * Formatting leaves such lines as written (see features/formatting.ts).
 *
 * The scan follows shell and Dockerfile quoting closely enough to be safe, not exactly: `'…'` takes everything
 * literally, `"…"` and unquoted text take the escape character and the backslash as escaping the next
 * character, and the comment lines BuildKit drops from a continued instruction are skipped. Where it is
 * unsure (an apostrophe in a shell comment, `$'…'`), it reads a quote as open, which only leaves more lines
 * as written.
 */
import type { Dockerfile } from 'dockerfile-ast';
import type { Position } from 'vscode-languageserver-types';

/** What the scan needs of the document: its text, and the offset of a position. */
export interface LineSource {
  getText(): string;
  offsetAt(position: Position): number;
}

/** Instructions whose arguments are one value, continuation lines and their whitespace included. */
const WHOLE_TEXT_VALUES = new Set(['WORKDIR', 'MAINTAINER']);

/** The zero-based lines of `dockerfile` (parsed from `document`'s text) whose indentation is content. */
export function linesWhoseIndentationIsContent(dockerfile: Dockerfile, document: LineSource): Set<number> {
  const text = document.getText();
  const escape = dockerfile.getEscapeCharacter();
  const continuation = new RegExp(`(^|[^${escapeForClass(escape)}])${escapeForRegExp(escape)}[ \\t]*$`);
  const found = new Set<number>();
  const lineText = (line: number) => text.slice(document.offsetAt({ line, character: 0 }), document.offsetAt({ line: line + 1, character: 0 })).replace(/\r?\n$/, '');
  for (const instruction of dockerfile.getInstructions()) {
    const { start, end } = instruction.getRange();
    if (start.line === end.line) {
      continue;
    }
    const keyword = instruction.getKeyword();
    const wholeValue = WHOLE_TEXT_VALUES.has(keyword) || (keyword === 'ENV' && !(instruction.getArguments()[0]?.getValue().includes('=') ?? true));
    let quote: '"' | "'" | undefined;
    for (let line = start.line; line <= end.line; line++) {
      const content = lineText(line);
      if (line > start.line) {
        if (quote || wholeValue) {
          found.add(line);
        }
        // BuildKit drops comment lines and empty lines inside a continued instruction.
        if (/^[ \t]*(#|$)/.test(content)) {
          continue;
        }
      }
      const ending = continuation.exec(content);
      quote = scanQuotes(ending ? content.slice(0, ending.index + ending[1].length) : content, escape, quote);
      if (!ending) {
        // The instruction's command ends here; what follows is heredoc bodies, which formatting leaves alone.
        break;
      }
    }
  }
  return found;
}

/** The quote open after `text`, starting with `open`. */
function scanQuotes(text: string, escape: string, open: '"' | "'" | undefined): '"' | "'" | undefined {
  let quote = open;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quote === "'") {
      if (character === "'") {
        quote = undefined;
      }
    } else if (character === escape || character === '\\') {
      index++;
    } else if (quote === '"') {
      if (character === '"') {
        quote = undefined;
      }
    } else if (character === '"' || character === "'") {
      quote = character;
    }
  }
  return quote;
}

function escapeForRegExp(character: string): string {
  return character.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

function escapeForClass(character: string): string {
  return character.replace(/[\\\]^-]/g, '\\$&');
}
