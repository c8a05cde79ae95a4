/**
 * Engine-supplied strings (names, labels, commands, mounts…) in the explorer's Markdown tooltips, made inert:
 * whatever a value holds, it shows as its own text on its own line, and can never add a link, an image, a
 * heading, HTML or a line of its own. Pure.
 */

/**
 * C0 and C1 controls and DEL; line and paragraph separators; zero-width characters and the byte order mark; the
 * bidirectional marks, embeddings, overrides and isolates that reorder text on display.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this module's purpose
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;

const LINE_BREAKS = new Set(['\n', '\r', '\t', '\v', '\f', '\u2028', '\u2029']);

/** Line breaks and tabs become spaces (a value stays on its line); every other control character is dropped. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL, (char) => (LINE_BREAKS.has(char) ? ' ' : ''));
}

/**
 * Plain text for Markdown: control characters stripped, then every ASCII punctuation character backslash-escaped
 * (CommonMark allows it for each), so no emphasis, link, image, heading, list, table, HTML tag, entity or
 * autolink can start inside it.
 */
export function markdownText(text: string): string {
  return stripControlCharacters(text).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * An inline code span that the value cannot close: control characters stripped, fenced with one backtick more
 * than the longest run of backticks inside, and padded with a space where CommonMark would otherwise eat the
 * value's own edge (a backtick or a space at either end). Backticks in the value show as they are.
 */
export function markdownCode(text: string): string {
  const value = stripControlCharacters(text);
  let longest = 0;
  for (const run of value.matchAll(/`+/g)) {
    longest = Math.max(longest, run[0].length);
  }
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(value) ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}
