/**
 * The diagnostics of one document version: the syntax validator (corrected to agree with BuildKit, and without the
 * checks the linter's rules make, see ruleOwnedChecks.ts) plus the linter.
 */
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lintRuleByRule, runToEnd, type Finding, type LintSettings, type ShellParseCache } from '../lint';
import type { ParsedDocument } from '../parse/parsedDocument';
import { findingToDiagnostic } from './findings';
import { syntaxDiagnostics } from './syntax';

/** What the linter needs besides the document: the merged settings and the build context's `.dockerignore`. */
export interface LintOptions {
  settings: LintSettings;
  dockerignore?: readonly string[];
  /** The document's RUN script parses, kept between its lints. */
  shellParses?: ShellParseCache;
  /** Where a rule's documentation opens (see project/rulesDocument.ts); the findings' own links otherwise. */
  ruleLink?: (code: string) => string | undefined;
}

export type InternalErrorReporter = (stage: 'validator' | 'linter' | `rule ${string}`, error: unknown) => void;

/**
 * Never throws: a stage that fails on some input is reported through `onInternalError` and the other stage's
 * diagnostics are still returned.
 */
export function computeDiagnostics(
  parsed: ParsedDocument,
  lint: LintOptions,
  onInternalError: InternalErrorReporter = () => undefined,
): Diagnostic[] {
  return runToEnd(diagnosticSteps(parsed, lint, onInternalError));
}

/**
 * `computeDiagnostics` with a pause before and after the validator and after each rule, for long documents: `between` is
 * awaited at each pause (the server lets pending requests run there) and stops the computation by resolving to
 * false, for a version already replaced. Resolves to undefined when stopped.
 */
export async function computeDiagnosticsInSteps(
  parsed: ParsedDocument,
  lint: LintOptions,
  onInternalError: InternalErrorReporter,
  between: () => Promise<boolean>,
): Promise<Diagnostic[] | undefined> {
  const steps = diagnosticSteps(parsed, lint, onInternalError);
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
    if (!(await between())) {
      return undefined;
    }
  }
}

function* diagnosticSteps(parsed: ParsedDocument, lint: LintOptions, onInternalError: InternalErrorReporter): Generator<void, Diagnostic[], void> {
  // Requests waiting for the parse (done by now) go first; the validator alone takes a few hundred milliseconds on 50,000 lines.
  yield;
  const diagnostics = validatorDiagnostics(parsed, onInternalError);
  yield;
  try {
    const findings = yield* lintRuleByRule({
      text: parsed.text,
      dockerfile: parsed.dockerfile,
      settings: lint.settings,
      dockerignore: lint.dockerignore,
      shellParses: lint.shellParses,
      onRuleError: (rule, error) => onInternalError(`rule ${rule.code} ${rule.name}`, error),
    });
    appendFindings(diagnostics, findings, lint.ruleLink);
  } catch (error) {
    onInternalError('linter', error);
  }
  return diagnostics;
}

// The work itself stays out of the generator's body, which V8 optimises less well.

function validatorDiagnostics(parsed: ParsedDocument, onInternalError: InternalErrorReporter): Diagnostic[] {
  try {
    return syntaxDiagnostics(parsed.text, (diagnostic) => parsed.document.getText(diagnostic.range));
  } catch (error) {
    onInternalError('validator', error);
    return [];
  }
}

function appendFindings(diagnostics: Diagnostic[], findings: readonly Finding[], link: LintOptions['ruleLink']): void {
  for (const finding of findings) {
    diagnostics.push(findingToDiagnostic(finding, link));
  }
}
