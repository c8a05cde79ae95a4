/**
 * A scan of shell text that sees only what is outside quotes: single-quoted and double-quoted strings, and
 * characters escaped by a backslash, are stepped over. For the few places that read a line of shell before
 * the parser does (heredoc operators, the command after a leading heredoc).
 */

/**
 * Calls `visit` with each index of `text` from `start` to `end` that is outside quotes and not escaped. `visit`
 * returns `false` to stop, or the index to go on from when it read further itself.
 */
export function scanUnquoted(text: string, start: number, end: number, visit: (index: number) => number | false | void): void {
  let quote: string | undefined;
  for (let i = start; i < end; i++) {
    const char = text[i];
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
    } else {
      const next = visit(i);
      if (next === false) {
        return;
      }
      if (typeof next === 'number') {
        i = next - 1;
      }
    }
  }
}
