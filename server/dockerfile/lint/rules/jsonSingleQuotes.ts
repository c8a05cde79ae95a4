import type { Rule, RuleReport } from '../rule';

/**
 * Instructions that take a JSON array (the exec form, or paths with spaces). SHELL takes nothing else: the
 * validator reports a SHELL that is not JSON as an error, and this rule leaves it that one report.
 */
const JSON_FORM_INSTRUCTIONS = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'VOLUME', 'ADD', 'COPY']);

/** One array item: a single- or double-quoted string (JSON's escapes inside double quotes). */
const ITEM = /\s*(?:'([^']*)'|("(?:[^"\\]|\\.)*"))\s*/y;

/**
 * The items of an array written like JSON but with at least one single-quoted string (`['a', "b"]`), which the
 * builder does not read as JSON: it runs the text as a shell command, or takes it as a path. Undefined for
 * anything else, valid JSON included.
 */
export function singleQuotedArray(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']') || !trimmed.includes("'")) {
    return undefined;
  }
  const body = trimmed.slice(1, -1);
  const items: string[] = [];
  let singleQuoted = false;
  for (let index = 0; index < body.length; ) {
    ITEM.lastIndex = index;
    const match = ITEM.exec(body);
    if (!match) {
      return undefined;
    }
    singleQuoted ||= match[1] !== undefined;
    items.push(match[1] ?? (JSON.parse(match[2]) as string));
    index = ITEM.lastIndex;
    if (index < body.length) {
      if (body[index] !== ',') {
        return undefined;
      }
      index++;
    }
  }
  return singleQuoted && items.length > 0 ? items : undefined;
}

/** Leading `--flag` or `--flag=value` words (`COPY --chown=app ['a b', '/c']`). */
const LEADING_FLAGS = /^(?:--\S+\s+)*/;

export const jsonSingleQuotes: Rule = {
  code: 'DS124',
  name: 'json-single-quotes',
  title: 'A JSON array needs double quotes',
  severity: 'warning',
  description:
    "JSON strings take double quotes. `CMD ['nginx', '-g', 'daemon off;']` is not JSON to the builder: it runs the whole text with `/bin/sh -c`, whose first word is `[nginx,`, and the container fails at start. In `COPY` and `VOLUME` the brackets and quotes become part of the paths. Write `CMD [\"nginx\", \"-g\", \"daemon off;\"]`.",
  check(context) {
    const reports: RuleReport[] = [];
    for (const instruction of context.instructions) {
      const keyword = instruction.getKeyword();
      if (!JSON_FORM_INSTRUCTIONS.has(keyword)) {
        continue;
      }
      const range = instruction.getArgumentsRange();
      if (!range || range.start.line !== range.end.line) {
        continue;
      }
      const start = context.index.offsetAt(range.start);
      const text = context.text.slice(start, context.index.offsetAt(range.end));
      const flags = LEADING_FLAGS.exec(text)?.[0].length ?? 0;
      const array = text.slice(flags).trimEnd();
      const items = singleQuotedArray(array);
      if (!items) {
        continue;
      }
      const arrayRange = context.range(start + flags, start + flags + array.length);
      reports.push({
        range: arrayRange,
        message: `${keyword} is written as a JSON array with single quotes: JSON needs double quotes, so the builder does not read it as an array`,
        fixes: [{ title: 'Use double quotes', edits: [{ range: arrayRange, newText: `[${items.map((item) => JSON.stringify(item)).join(', ')}]` }] }],
      });
    }
    return reports;
  },
};
