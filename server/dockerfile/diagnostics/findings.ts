/** Turns the linter's findings into LSP diagnostics, carrying their quick fixes in `Diagnostic.data`. */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import type { Finding, FindingSeverity, QuickFix } from '../lint';

export const LINT_SOURCE = 'dockside';
export const SHELLCHECK_SOURCE = 'shellcheck';

/** Diagnostics whose code is a rule the linter documents and can suppress. */
export function isLinterDiagnostic(diagnostic: Diagnostic): boolean {
  return (diagnostic.source === LINT_SOURCE || diagnostic.source === SHELLCHECK_SOURCE) && typeof diagnostic.code === 'string';
}

export const severities: Record<FindingSeverity, DiagnosticSeverity> = {
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

/**
 * Finds the published diagnostic a code action request names, when the client sent it back without its `data`:
 * the one with the same source, code, message and range. The published list is indexed on first use.
 */
export function publishedMatcher(published: readonly Diagnostic[]): (diagnostic: Diagnostic) => Diagnostic | undefined {
  let byKey: Map<string, Diagnostic> | undefined;
  const key = ({ source, code, message, range: { start, end } }: Diagnostic) =>
    `${source}\u0000${code}\u0000${start.line}:${start.character}-${end.line}:${end.character}\u0000${message}`;
  return (diagnostic) => {
    if (!byKey) {
      byKey = new Map();
      for (const candidate of published) {
        if (!byKey.has(key(candidate))) {
          byKey.set(key(candidate), candidate);
        }
      }
    }
    return byKey.get(key(diagnostic));
  };
}
