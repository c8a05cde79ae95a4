/**
 * Quick fixes for the diagnostics in the request: the linter's fixes travel in `Diagnostic.data` (for a client
 * that does not keep `data`, they are taken from the diagnostics published for the version); the validator's
 * fixes come from dockerfile-language-service's DockerCommands, turned into direct edits.
 */
import { DockerCommands } from 'dockerfile-language-service/lib/dockerCommands';
import { CodeAction, CodeActionKind, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { VALIDATOR_SOURCE } from '../diagnostics/syntax';
import { fixesOf, isLinterDiagnostic, publishedMatcher } from '../diagnostics/findings';
import { suppressionFixes } from '../lint';
import { SYNTAX_CHECK } from '../lint/syntaxCheck';
import type { ParsedDocument } from '../parse/parsedDocument';

const commands = new DockerCommands();

function quickFix(parsed: ParsedDocument, title: string, diagnostic: Diagnostic, edits: TextEdit[]): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [parsed.uri]: edits } },
  };
}

/** "Ignore <code> for this instruction" and "in this file" for a linter or ShellCheck diagnostic. */
function suppressions(parsed: ParsedDocument, diagnostic: Diagnostic): CodeAction[] {
  // What the builder cannot read (DS100) is not a rule: no comment makes the build pass.
  if (!isLinterDiagnostic(diagnostic) || diagnostic.code === SYNTAX_CHECK.code) {
    return [];
  }
  const finding = { code: diagnostic.code as string, range: diagnostic.range, message: diagnostic.message, severity: 'warning' as const };
  return suppressionFixes(parsed.text, parsed.dockerfile, finding).map((fix) => quickFix(parsed, fix.title, diagnostic, fix.edits));
}

/** `published`: the diagnostics published for this version of the document. */
export function codeActions(parsed: ParsedDocument, diagnostics: Diagnostic[], published: readonly Diagnostic[] = []): CodeAction[] {
  const actions: CodeAction[] = [];
  const suppressing: CodeAction[] = [];
  // Their titles name the rule only: two findings of one rule in the range would offer the same titles twice.
  const suppressedCodes = new Set<unknown>();
  const withPublishedData = publishedMatcher(published);
  for (const diagnostic of diagnostics) {
    const withData = diagnostic.data === undefined ? (withPublishedData(diagnostic) ?? diagnostic) : diagnostic;
    for (const fix of fixesOf(withData)) {
      actions.push({ ...quickFix(parsed, fix.title, diagnostic, fix.edits), isPreferred: true });
    }
    if (!suppressedCodes.has(diagnostic.code)) {
      const offered = suppressions(parsed, diagnostic);
      if (offered.length > 0) {
        suppressedCodes.add(diagnostic.code);
        suppressing.push(...offered);
      }
    }
    if (diagnostic.source === VALIDATOR_SOURCE) {
      // DockerCommands reads the numeric code the validator set.
      const suggested = commands.analyzeDiagnostics([diagnostic] as Parameters<DockerCommands['analyzeDiagnostics']>[0], parsed.uri);
      for (const command of suggested) {
        const edits = commands.computeCommandEdits(parsed.text, command.command, command.arguments ?? []) as TextEdit[];
        if (edits.length > 0) {
          actions.push(quickFix(parsed, command.title, diagnostic, edits));
        }
      }
    }
  }
  return [...actions, ...suppressing];
}
