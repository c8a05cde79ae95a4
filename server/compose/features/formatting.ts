/**
 * Formatting a Compose file with the `yaml` package's printer, which keeps comments, anchors, aliases and
 * each scalar's quoting. The result is used only if it holds exactly the same data and the same comments;
 * otherwise nothing is changed.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import { FormattingOptions, TextEdit } from 'vscode-languageserver';
import type { ComposeAnalysis } from '../analysis';

export function formatDocument(analysis: ComposeAnalysis, options: FormattingOptions): TextEdit[] {
  const document = analysis.document;
  if (document.syntax.length > 0 || document.value === undefined) {
    return [];
  }
  const text = document.text;
  // Keep the file's own style for lists under a key: indented (`key:\n  - a`) or not (`key:\n- a`).
  const flatLists = /^(\s*)[^\s#-][^\n]*:\s*\n\1- /m.test(text) && !/^(\s*)[^\s#-][^\n]*:\s*\n\1\s+- /m.test(text);
  let formatted: string;
  try {
    formatted = document.yaml.toString({
      indent: Math.max(1, options.tabSize || 2),
      indentSeq: !flatLists,
      lineWidth: 0,
      minContentWidth: 0,
      flowCollectionPadding: true,
    });
  } catch {
    return [];
  }
  if (options.trimFinalNewlines !== false) {
    formatted = formatted.replace(/\n+$/, '\n');
  }
  if (formatted === text) {
    return [];
  }
  const check = parseDocument(formatted, { merge: true, uniqueKeys: false });
  const comments = (source: string): string[] => [...source.matchAll(/(?:^|\s)#(.*)$/gm)].map((match) => match[1].trim());
  let same = false;
  try {
    same = check.errors.length === 0 && isDeepStrictEqual(check.toJS({ maxAliasCount: -1 }), document.value) && isDeepStrictEqual(comments(formatted), comments(text));
  } catch {
    same = false;
  }
  if (!same) {
    return [];
  }
  return [TextEdit.replace(document.range(0, text.length), formatted)];
}
