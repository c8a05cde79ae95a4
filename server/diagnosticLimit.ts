/**
 * At most this many diagnostics are published for one document, as other language servers limit them: a generated
 * 20 MB file had 1.2 million, which no one reads and which the editor has to hold and lay out. The most severe
 * are kept (errors, then warnings, then the rest, each in the order found), and one more diagnostic, where the first
 * left out starts, says how many were left out.
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';

export const MAX_PUBLISHED_DIAGNOSTICS = 1000;

export function limitDiagnostics(diagnostics: Diagnostic[], limit = MAX_PUBLISHED_DIAGNOSTICS): Diagnostic[] {
  if (diagnostics.length <= limit) {
    return diagnostics;
  }
  const bySeverity: Diagnostic[][] = [[], [], [], []];
  for (const diagnostic of diagnostics) {
    bySeverity[Math.min(Math.max((diagnostic.severity ?? DiagnosticSeverity.Error) - 1, 0), 3)].push(diagnostic);
  }
  const kept: Diagnostic[] = [];
  let firstLeftOut: Diagnostic | undefined;
  for (const group of bySeverity) {
    const room = limit - kept.length;
    kept.push(...group.slice(0, room));
    for (const diagnostic of group.slice(Math.max(room, 0))) {
      if (!firstLeftOut || before(diagnostic, firstLeftOut)) {
        firstLeftOut = diagnostic;
      }
    }
  }
  const leftOut = diagnostics.length - kept.length;
  kept.push({
    range: firstLeftOut!.range,
    severity: DiagnosticSeverity.Information,
    source: 'dockside',
    message: `…and ${leftOut.toLocaleString('en')} more problems in this file: only the first ${limit.toLocaleString('en')} are shown.`,
  });
  return kept;
}

function before(a: Diagnostic, b: Diagnostic): boolean {
  const x = a.range.start;
  const y = b.range.start;
  return x.line < y.line || (x.line === y.line && x.character < y.character);
}
