/**
 * Shortcuts in dockerfile-utils' validator that change none of its results. `checkVariables` parsed every
 * variable of every instruction (ranges, resolution, one object each) to report unsupported modifiers. It never
 * reports them for RUN, CMD and ENTRYPOINT (the shell expands those), and a modifier needs the `${` form with
 * something after the name: dockerfile-ast reads `${NAME}` (letters, digits, `_`) as a variable without one.
 * Instructions whose every `${` opens such a plain reference are now skipped, the bulk of all variables.
 * The empty-continuation-line check reads the heredocs of every multi-line RUN and COPY (dockerfile-ast finds them
 * anew on each call) to skip their lines, even with the check turned off (the server leaves it to a rule): then
 * no lines are looked up, as the diagnostics they could lead to are discarded anyway.
 */
import type { Instruction } from 'dockerfile-ast';
import { ValidationSeverity } from 'dockerfile-utils';
import { Validator } from 'dockerfile-utils/lib/dockerValidator';

const SHELL_EXPANDED = new Set(['RUN', 'CMD', 'ENTRYPOINT']);
/** A `${` not followed by a plain name and `}`: the only place a modifier can be. */
const BRACE_WITH_MORE_THAN_A_NAME = /\$\{(?![A-Za-z0-9_]*\})/;

let installed = false;

/** Idempotent. */
export function installValidatorShortcuts(): void {
  if (installed) {
    return;
  }
  installed = true;
  type CheckVariables = (this: Validator, instruction: Instruction, problems: unknown[]) => void;
  const prototype = Validator.prototype as unknown as { checkVariables: CheckVariables };
  const checkVariables = prototype.checkVariables;
  type GetHeredocLines = (this: Validator, instruction: Instruction) => number[];
  const withHeredocs = Validator.prototype as unknown as { getHeredocLines: GetHeredocLines };
  const getHeredocLines = withHeredocs.getHeredocLines;
  withHeredocs.getHeredocLines = function (this: Validator, instruction: Instruction): number[] {
    const settings = (this as unknown as { settings: { emptyContinuationLine?: ValidationSeverity } }).settings;
    // The validator reads a setting left out as "ignore" too.
    return (settings.emptyContinuationLine ?? ValidationSeverity.IGNORE) === ValidationSeverity.IGNORE ? [] : getHeredocLines.call(this, instruction);
  };
  prototype.checkVariables = function (this: Validator, instruction: Instruction, problems: unknown[]): void {
    if (!SHELL_EXPANDED.has(instruction.getKeyword()) && BRACE_WITH_MORE_THAN_A_NAME.test(instruction.getTextContent())) {
      checkVariables.call(this, instruction, problems);
    }
  };
}
