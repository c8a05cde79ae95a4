/**
 * What "Find in Container Files" looks for and how it finds it in one file's bytes: a query parsed from what the
 * user typed, binary files recognised by a NUL byte, matches per line with their ranges.
 */

/**
 * A query as the user typed it: plain text (any case), or `/pattern/flags` (flags among i, m, s, u) for a
 * JavaScript regular expression, which matches case unless flagged `i`.
 */
export interface TextQuery {
  /** What was typed, for titles. */
  source: string;
  regex: boolean;
  /** A global regular expression finding the query (plain text escaped). */
  pattern: RegExp;
}

/** One line holding a match: its number (0-based), its text, and where the matches are in it. */
export interface LineMatch {
  line: number;
  text: string;
  /** [start, end) in UTF-16 code units, as the editor counts columns. */
  ranges: Array<[number, number]>;
}

/** How far into a file a NUL byte marks it as binary (what git and the editor's search look at). */
export const binaryProbeBytes = 8 * 1024;

/** `/body/flags`; anything else (`/usr/bin`) is plain text. */
const regexForm = /^\/(.+)\/([imsu]*)$/s;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The query typed, or the sentence saying why it is not one (for the input box's validation). */
export function parseTextQuery(typed: string): TextQuery | string {
  if (typed === '') {
    return 'Type the text to find.';
  }
  const form = regexForm.exec(typed);
  if (!form) {
    return { source: typed, regex: false, pattern: new RegExp(escapeRegExp(typed), 'gi') };
  }
  const [, body, flags] = form;
  try {
    return { source: typed, regex: true, pattern: new RegExp(body, `${[...new Set(flags)].join('')}g`) };
  } catch (error) {
    return `Not a regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Whether a file's first bytes hold a NUL (it is then not searched as text). */
export function looksBinary(data: Uint8Array): boolean {
  return data.subarray(0, binaryProbeBytes).includes(0);
}

/** Where the query matches in one line; empty matches (of `x*`) are not matches. */
export function matchRanges(text: string, pattern: RegExp): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const finder = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let found = finder.exec(text); found; found = finder.exec(text)) {
    if (found[0].length === 0) {
      finder.lastIndex++;
      continue;
    }
    ranges.push([found.index, found.index + found[0].length]);
  }
  return ranges;
}

/**
 * The lines of a text file that match, at most `limit` of them, in order. The text is read as UTF-8 (invalid
 * bytes become U+FFFD, which shifts no column of a valid line).
 */
export function matchingLines(data: Uint8Array, pattern: RegExp, limit: number): LineMatch[] {
  const matches: LineMatch[] = [];
  if (limit <= 0) {
    return matches;
  }
  const text = new TextDecoder('utf-8').decode(data);
  const lines = text.split(/\r?\n/);
  for (let line = 0; line < lines.length && matches.length < limit; line++) {
    const ranges = matchRanges(lines[line], pattern);
    if (ranges.length > 0) {
      matches.push({ line, text: lines[line], ranges });
    }
  }
  return matches;
}

/**
 * A line shortened for one row of a quick pick so its first match shows: leading blanks dropped, text well
 * before the match replaced by `…`, the rest cut at `width`. The ranges move with the text.
 */
export function previewOfLine(match: LineMatch, width = 160, before = 40): { text: string; ranges: Array<[number, number]> } {
  const indent = /^\s*/.exec(match.text)?.[0].length ?? 0;
  const first = match.ranges[0]?.[0] ?? indent;
  const start = Math.max(indent, first - before);
  const prefix = start > indent ? '…' : '';
  let text = match.text.slice(start);
  const suffix = text.length > width ? '…' : '';
  text = `${prefix}${text.slice(0, width)}${suffix}`;
  const shift = prefix.length - start;
  const limit = prefix.length + Math.min(width, match.text.length - start);
  const ranges = match.ranges
    .map(([from, to]): [number, number] => [from + shift, Math.min(to + shift, limit)])
    .filter(([from, to]) => from >= prefix.length && from < to);
  return { text, ranges };
}
