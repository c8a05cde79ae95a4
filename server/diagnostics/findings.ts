/** Turns the linter's findings into LSP diagnostics, carrying their quick fixes in `Diagnostic.data`. */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import type { Finding, FindingSeverity, QuickFix } from '../lint';

export const LINT_SOURCE = 'dockside';
export const SHELLCHECK_SOURCE = 'shellcheck';

/** Diagnostics whose code is a rule the linter documents and can suppress. */
export function isLinterDiagnostic(diagnostic: Diagnostic): boolean {
  return (diagnostic.source === LINT_SOURCE || diagnostic.source === SHELLCHECK_SOURCE) && typeof diagnostic.code === 'string';
}

const severities: Record<FindingSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  style: DiagnosticSeverity.Hint,
};

export interface FindingData {
  fixes: QuickFix[];
}

export function findingToDiagnostic(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: severities[finding.severity],
    source: finding.source === 'shellcheck' ? SHELLCHECK_SOURCE : LINT_SOURCE,
    code: finding.code,
    message: finding.message,
  };
  if (finding.href) {
    diagnostic.codeDescription = { href: finding.href };
  }
  if (finding.fixes && finding.fixes.length > 0) {
    const data: FindingData = { fixes: finding.fixes };
    diagnostic.data = data;
  }
  return diagnostic;
}

/** The quick fixes a diagnostic carries, if it came from the linter. */
export function fixesOf(diagnostic: Diagnostic): QuickFix[] {
  if (diagnostic.source !== LINT_SOURCE) {
    return [];
  }
  const data = diagnostic.data as Partial<FindingData> | undefined;
  return Array.isArray(data?.fixes) ? data.fixes : [];
}
