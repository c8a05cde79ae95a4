/** The diagnostics of one document version: the syntax validator (corrected to agree with BuildKit) plus the linter. */
import { validate } from 'dockerfile-utils';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lintDockerfile } from '../lint';
import type { ParsedDocument } from '../parse/parsedDocument';
import type { DockerfileSettings } from '../settings';
import { correctValidatorDiagnostics } from './falseErrors';
import { findingToDiagnostic } from './findings';

export const VALIDATOR_SOURCE = 'dockerfile-utils';

export function computeDiagnostics(parsed: ParsedDocument, settings: DockerfileSettings): Diagnostic[] {
  const document = parsed.document;
  // validate() parses the text again through DockerfileParser.parse, which the parser module answers from cache.
  const validated = (validate(parsed.text) as Diagnostic[]).map((diagnostic) => ({ ...diagnostic, source: VALIDATOR_SOURCE }));
  const diagnostics = correctValidatorDiagnostics(validated, (diagnostic) => document.getText(diagnostic.range));
  const findings = lintDockerfile({ text: parsed.text, dockerfile: parsed.dockerfile, settings: { rules: settings.rules } });
  for (const finding of findings) {
    diagnostics.push(findingToDiagnostic(finding));
  }
  return diagnostics;
}
