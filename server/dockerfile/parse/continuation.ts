/**
 * BuildKit ends a line continuation only on an escape character that is not itself escaped: its regular
 * expression is `([^\\])\\[ \t]*$|^\\[ \t]*$`. dockerfile-ast reads any trailing escape character as a
 * continuation, so `COPY C:\\src C:\\dest\\` (a Windows path ending in an escaped backslash) swallows the next
 * instruction. We parse a copy of the text in which such a final, escaped escape character is replaced by a
 * neutral character of the same length, so every range still points into the real text.
 */

/** The character that replaces the final escaped escape character. */
export const NEUTRAL_CHARACTER = '/';

const escapeDirective = /^#[ \t]*escape[ \t]*=[ \t]*(\S)/i;
const otherDirective = /^#[ \t]*[a-z][a-z0-9_-]*[ \t]*=/i;

/** The escape character set by a leading `# escape=` parser directive, or the default backslash. */
export function detectEscapeCharacter(text: string): string {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) {
      end = text.length;
    }
    const line = text.slice(start, end).replace(/^\uFEFF/, '').trim();
    const match = escapeDirective.exec(line);
    if (match) {
      return match[1] === '`' ? '`' : '\\';
    }
    if (!otherDirective.test(line)) {
      return '\\';
    }
    start = end + 1;
  }
  return '\\';
}

/**
 * Returns `text` with every line that ends in an escaped escape character (`\\` before optional blanks)
 * rewritten so that dockerfile-ast does not read it as a continuation; the same string when there is none.
 */
export function neutraliseEscapedContinuations(text: string, escapeCharacter: string): string {
  const doubled = escapeCharacter + escapeCharacter;
  if (!text.includes(doubled)) {
    return text;
  }
  let result: string[] | undefined;
  let copiedUpTo = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) {
      lineEnd = text.length;
    }
    let last = lineEnd - 1;
    while (last >= lineStart && (text[last] === ' ' || text[last] === '\t' || text[last] === '\r')) {
      last--;
    }
    if (last > lineStart && text[last] === escapeCharacter && text[last - 1] === escapeCharacter) {
      result ??= [];
      result.push(text.slice(copiedUpTo, last), NEUTRAL_CHARACTER);
      copiedUpTo = last + 1;
    }
    lineStart = lineEnd + 1;
  }
  if (!result) {
    return text;
  }
  result.push(text.slice(copiedUpTo));
  return result.join('');
}
