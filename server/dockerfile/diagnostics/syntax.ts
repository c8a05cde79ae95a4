/**
 * What the Docker builder cannot read: dockerfile-utils' validator, corrected to agree with BuildKit (see
 * falseErrors.ts) and without the checks the linter's rules make (see ruleOwnedChecks.ts). The language server
 * shows these as the validator's diagnostics (source `dockerfile-utils`, its own codes, its quick fixes), and the
 * problems of RUN's flags, which the validator does not check, as DS100; `dockside-lint` reports them all as
 * findings of the check DS100 `syntax`, so that editor and CI agree.
 */
import { validate } from 'dockerfile-utils';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../lint';
import { SYNTAX_CHECK } from '../lint/syntaxCheck';
import { parse } from '../parse/parser';
import { correctValidatorDiagnostics, type RangeText } from './falseErrors';
import { LINT_SOURCE } from './findings';
import { VALIDATOR_SETTINGS, withoutRuleOwnedCodes } from './ruleOwnedChecks';
import { runFlagDiagnostics } from './runFlags';
import { installValidatorShortcuts } from './validatorShortcuts';

export const VALIDATOR_SOURCE = 'dockerfile-utils';

/**
 * The validator's diagnostics of `text`, then ours on the flags of RUN, which it does not check (source
 * `dockside`, code DS100). BuildKit's reading: call it with the parser installed, see parse/parser.ts.
 * `rangeText` gives the text a diagnostic covers.
 */
export function syntaxDiagnostics(text: string, rangeText: RangeText): Diagnostic[] {
  installValidatorShortcuts();
  // validate() parses through DockerfileParser.parse, which the installed parser answers from its cache.
  const validated = withoutRuleOwnedCodes(validate(text, VALIDATOR_SETTINGS) as Diagnostic[]).map((diagnostic) => ({ ...diagnostic, source: VALIDATOR_SOURCE }));
  return [...correctValidatorDiagnostics(validated, rangeText), ...runFlagDiagnostics(parse(text), LINT_SOURCE, SYNTAX_CHECK.code)];
}

/** The same problems as `dockside-lint` findings (DS100). */
export function syntaxFindings(text: string): Finding[] {
  const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text);
  return syntaxDiagnostics(text, (diagnostic) => document.getText(diagnostic.range)).map(
    (diagnostic): Finding => ({
      code: SYNTAX_CHECK.code,
      name: SYNTAX_CHECK.name,
      severity: diagnostic.severity === DiagnosticSeverity.Warning ? 'warning' : diagnostic.severity === DiagnosticSeverity.Error || diagnostic.severity === undefined ? 'error' : 'info',
      message: diagnostic.message,
      range: diagnostic.range,
      source: 'dockside',
    }),
  );
}
