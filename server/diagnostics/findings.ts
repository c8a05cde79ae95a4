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

/** `link`: where the rule's documentation opens, in place of the finding's own link when it has one for the code. */
export function findingToDiagnostic(finding: Finding, link?: (code: string) => string | undefined): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: severities[finding.severity],
    source: finding.source === 'shellcheck' ? SHELLCHECK_SOURCE : LINT_SOURCE,
    code: finding.code,
    message: finding.message,
  };
  const href = link?.(finding.code) ?? finding.href;
  if (href) {
    diagnostic.codeDescription = { href };
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

/** What the client said it keeps of a diagnostic (LSP `textDocument.publishDiagnostics` capabilities). */
export interface DiagnosticSupport {
  /** `dataSupport`: `data` comes back in code action requests. */
  data: boolean;
  /** `codeDescriptionSupport`: the code links to its documentation. */
  codeDescription: boolean;
}

/**
 * The diagnostics as sent to a client: without `data` or `codeDescription` when it did not declare support for
 * them. The server keeps the full diagnostics; quick fixes for a client without `data` are looked up there.
 */
export function forClient(diagnostics: Diagnostic[], support: DiagnosticSupport): Diagnostic[] {
  if (support.data && support.codeDescription) {
    return diagnostics;
  }
  return diagnostics.map(({ data, codeDescription, ...rest }) => ({
    ...rest,
    ...(support.data && data !== undefined ? { data } : {}),
    ...(support.codeDescription && codeDescription ? { codeDescription } : {}),
  }));
}

/** The published diagnostic a code action request names, when the client sent it back without its `data`. */
export function publishedMatch(diagnostic: Diagnostic, published: readonly Diagnostic[]): Diagnostic | undefined {
  return published.find(
    (candidate) =>
      candidate.source === diagnostic.source &&
      candidate.code === diagnostic.code &&
      candidate.message === diagnostic.message &&
      candidate.range.start.line === diagnostic.range.start.line &&
      candidate.range.start.character === diagnostic.range.start.character &&
      candidate.range.end.line === diagnostic.range.end.line &&
      candidate.range.end.character === diagnostic.range.end.character,
  );
}
