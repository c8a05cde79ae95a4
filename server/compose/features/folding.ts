/** Folding ranges: every mapping or list that spans several lines folds under its key. */
import { isMap, isPair, isSeq, visit, type Node } from 'yaml';
import { FoldingRange } from 'vscode-languageserver';
import type { ComposeAnalysis } from '../analysis';

export function foldingRanges(analysis: ComposeAnalysis): FoldingRange[] {
  const document = analysis.document.textDocument;
  const ranges: FoldingRange[] = [];
  visit(analysis.document.yaml, {
    Pair(_key, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!isPair(pair) || !key?.range || !value?.range || !(isMap(value) || isSeq(value))) {
        return;
      }
      const startLine = document.positionAt(key.range[0]).line;
      // The value's end, without the line breaks and comments that follow it.
      let end = value.range[1];
      const text = analysis.document.text;
      while (end > value.range[0] && /\s/.test(text[end - 1])) {
        end--;
      }
      const endLine = document.positionAt(end).line;
      if (endLine > startLine) {
        ranges.push({ startLine, endLine });
      }
    },
  });
  return ranges;
}
