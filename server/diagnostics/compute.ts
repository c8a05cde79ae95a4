/** The diagnostics of one document version: the syntax validator (corrected to agree with BuildKit) plus the linter. */
import { validate } from 'dockerfile-utils';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lintDockerfile, type LintSettings, type ShellParseCache } from '../lint';
import type { ParsedDocument } from '../parse/parsedDocument';
import { correctValidatorDiagnostics } from './falseErrors';
import { findingToDiagnostic } from './findings';
import { installValidatorShortcuts } from './validatorShortcuts';

export const VALIDATOR_SOURCE = 'dockerfile-utils';

/** What the linter needs besides the document: the merged settings and the build context's `.dockerignore`. */
export interface LintOptions {
  settings: LintSettings;
  dockerignore?: readonly string[];
  /** The document's RUN script parses, kept between its lints. */
  shellParses?: ShellParseCache;
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
  installValidatorShortcuts();
  const document = parsed.document;
  let diagnostics: Diagnostic[] = [];
  try {
    // validate() parses the text again through DockerfileParser.parse, which the parser module answers from cache.
    const validated = (validate(parsed.text) as Diagnostic[]).map((diagnostic) => ({ ...diagnostic, source: VALIDATOR_SOURCE }));
    diagnostics = correctValidatorDiagnostics(validated, (diagnostic) => document.getText(diagnostic.range));
  } catch (error) {
    onInternalError('validator', error);
  }
  try {
    const findings = lintDockerfile({
      text: parsed.text,
      dockerfile: parsed.dockerfile,
      settings: lint.settings,
      dockerignore: lint.dockerignore,
      shellParses: lint.shellParses,
      onRuleError: (rule, error) => onInternalError(`rule ${rule.code} ${rule.name}`, error),
    });
    for (const finding of findings) {
      diagnostics.push(findingToDiagnostic(finding));
    }
  } catch (error) {
    onInternalError('linter', error);
  }
  return diagnostics;
}
