/** Hover text for the linter's diagnostics under the cursor: each rule's documentation and its link. */
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import { isLinterDiagnostic } from '../diagnostics/findings';
import { ruleDocumentation } from '../lint';

function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** Markdown for the rules whose diagnostics cover `position` (each rule once), or undefined when none does. */
export function diagnosticDocumentation(diagnostics: readonly Diagnostic[], position: Position): string | undefined {
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const code = diagnostic.code as string;
    if (!isLinterDiagnostic(diagnostic) || seen.has(code) || !contains(diagnostic.range, position)) {
      continue;
    }
    seen.add(code);
    const documentation = ruleDocumentation(code);
    if (!documentation) {
      continue;
    }
    const href = diagnostic.codeDescription?.href;
    sections.push(href && !documentation.includes(href) ? `${documentation}\n\n[${code} documentation](${href})` : documentation);
  }
  return sections.length > 0 ? sections.join('\n\n---\n\n') : undefined;
}
