/**
 * Checks of dockerfile-utils' validator that a linter rule makes too. Each such problem is reported once, by the
 * rule: it follows BuildKit's build checks, and it has a setting, suppression comments, documentation and a quick
 * fix, none of which would reach the validator's copy (turning `maintainer-deprecated` off must silence MAINTAINER).
 * The validator's check is turned off through its settings, or, for the two it has no setting for, its
 * diagnostics are dropped.
 */
import { ValidationCode, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import type { Diagnostic } from 'vscode-languageserver-protocol';

export const VALIDATOR_SETTINGS: ValidatorSettings = {
  // Every setting is given: the validator reads a setting left out as "ignore", not as its default.
  // DS125 directive-casing, which also covers `syntax` and `check`.
  directiveCasing: ValidationSeverity.IGNORE,
  // DS124 json-single-quotes, with a quick fix.
  instructionJSONInSingleQuotes: ValidationSeverity.IGNORE,
  // DS108 maintainer-deprecated.
  deprecatedMaintainer: ValidationSeverity.IGNORE,
  // DS106 empty-continuation.
  emptyContinuationLine: ValidationSeverity.IGNORE,
  // DS103 instruction-casing. BuildKit asks for one casing throughout, not for upper case: the validator also
  // flagged every line of a consistently lower-case file, and the majority's lines of a mixed one, against DS103.
  instructionCasing: ValidationSeverity.IGNORE,
  // DS112 multiple-instructions.
  instructionCmdMultiple: ValidationSeverity.IGNORE,
  instructionEntrypointMultiple: ValidationSeverity.IGNORE,
  instructionHealthcheckMultiple: ValidationSeverity.IGNORE,
  // DS111 workdir-relative, which also accepts a relative WORKDIR after an absolute one.
  instructionWorkdirRelative: ValidationSeverity.IGNORE,
};

/** Validator codes with no setting, and the rule reporting the same problem. */
const CODES_LEFT_TO_RULES: ReadonlySet<ValidationCode> = new Set([
  // DS104 duplicate-stage-name (the validator flagged every occurrence, the rule flags the repeats).
  ValidationCode.DUPLICATE_BUILD_STAGE_NAME,
  // DS121 copy-multiple-sources (a destination that is not a folder, for several sources).
  ValidationCode.INVALID_DESTINATION,
]);

export function withoutRuleOwnedCodes(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => !CODES_LEFT_TO_RULES.has(diagnostic.code as ValidationCode));
}
