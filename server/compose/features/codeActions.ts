/**
 * Quick fixes for Compose diagnostics: a misspelt key or value replaced by the closest valid one, an undefined
 * reference replaced by the closest name the project defines.
 */
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE, type ComposeAnalysis, type ComposeDiagnosticData } from '../analysis';
import { closest } from '../diagnostics/closest';

export function codeActions(analysis: ComposeAnalysis, _range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const document = analysis.document.textDocument;
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) {
      continue;
    }
    // The client may not send `data` back: the diagnostics computed for this version have it.
    const own = analysis.diagnostics.find((candidate) => candidate.code === diagnostic.code && sameRange(candidate.range, diagnostic.range));
    const data = (diagnostic.data ?? own?.data) as ComposeDiagnosticData | undefined;
    if (!data) {
      continue;
    }
    const written = document.getText(diagnostic.range);
    if (data.suggestion) {
      const target = written.replace(/^(["']?)(.*?)\1$/, '$2');
      const at = written.indexOf(target);
      const start = document.offsetAt(diagnostic.range.start) + Math.max(0, at);
      actions.push(fix(`Change to "${data.suggestion}"`, diagnostic, analysis.document.uri, {
        start: document.positionAt(start),
        end: document.positionAt(start + target.length),
      }, data.suggestion));
    } else if (data.name && data.candidates) {
      const suggestion = closest(data.name, data.candidates);
      const at = written.indexOf(data.name);
      if (suggestion && at >= 0) {
        const start = document.offsetAt(diagnostic.range.start) + at;
        actions.push(fix(`Change to "${suggestion}"`, diagnostic, analysis.document.uri, {
          start: document.positionAt(start),
          end: document.positionAt(start + data.name.length),
        }, suggestion));
      }
    }
  }
  return actions;
}

function fix(title: string, diagnostic: Diagnostic, uri: string, range: Range, text: string): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [uri]: [TextEdit.replace(range, text)] } },
  };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
