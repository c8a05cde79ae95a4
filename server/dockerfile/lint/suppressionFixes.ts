/** Quick fixes that suppress a finding: "ignore this rule on this line" and "in this file". */
import type { Dockerfile } from 'dockerfile-ast';
import { TextIndex } from './textIndex';
import type { Finding, QuickFix } from './types';

const LINE_PRAGMA = /^(\s*#\s*dockside-ignore)\s+(.+?)\s*$/;
const FILE_PRAGMA = /^(\s*#\s*dockside-ignore-file)\s+(.+?)\s*$/;
const DIRECTIVE = /^#\s*[a-zA-Z][a-zA-Z0-9_-]*\s*=/;

export function suppressionFixes(text: string, dockerfile: Dockerfile, finding: Finding): QuickFix[] {
  const index = new TextIndex(text);
  return [ignoreOnLine(index, dockerfile, finding), ignoreInFile(index, finding)];
}

function ignoreOnLine(index: TextIndex, dockerfile: Dockerfile, finding: Finding): QuickFix {
  const line = finding.range.start.line;
  const instruction = dockerfile.getInstructions().find((candidate) => {
    const range = candidate.getRange();
    return range.start.line <= line && line <= range.end.line;
  });
  const startLine = instruction?.getRange().start.line ?? line;
  const title = `Ignore ${finding.code} for this instruction`;
  const above = startLine > 0 ? index.lineText(startLine - 1) : '';
  const existing = LINE_PRAGMA.exec(above);
  if (existing && !FILE_PRAGMA.test(above)) {
    const start = index.lineStart(startLine - 1);
    return { title, edits: [{ range: index.rangeOf(start, start + above.length), newText: `${existing[1]} ${existing[2]} ${finding.code}` }] };
  }
  const indentation = /^\s*/.exec(index.lineText(startLine))?.[0] ?? '';
  const at = index.positionAt(index.lineStart(startLine));
  return { title, edits: [{ range: { start: at, end: at }, newText: `${indentation}# dockside-ignore ${finding.code}\n` }] };
}

function ignoreInFile(index: TextIndex, finding: Finding): QuickFix {
  const title = `Ignore ${finding.code} in this file`;
  let line = 0;
  while (line < index.lineCount && DIRECTIVE.test(index.lineText(line).trim())) {
    line++;
  }
  for (let candidate = 0; candidate < index.lineCount; candidate++) {
    const text = index.lineText(candidate);
    const existing = FILE_PRAGMA.exec(text);
    if (existing) {
      const start = index.lineStart(candidate);
      return { title, edits: [{ range: index.rangeOf(start, start + text.length), newText: `${existing[1]} ${existing[2]} ${finding.code}` }] };
    }
  }
  const at = index.positionAt(line < index.lineCount ? index.lineStart(line) : index.text.length);
  return { title, edits: [{ range: { start: at, end: at }, newText: `# dockside-ignore-file ${finding.code}\n` }] };
}
