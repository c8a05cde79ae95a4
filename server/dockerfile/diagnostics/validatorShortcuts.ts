/**
 * Shortcuts in dockerfile-utils' validator that change none of its results. `checkVariables` parsed every
 * variable of every instruction (ranges, resolution, one object each) to report unsupported modifiers. It never
 * reports them for RUN, CMD and ENTRYPOINT (the shell expands those), and a modifier needs the `${` form with
 * something after the name: dockerfile-ast reads `${NAME}` (letters, digits, `_`) as a variable without one.
 * Instructions whose every `${` opens such a plain reference are now skipped, the bulk of all variables.
 * The empty-continuation-line check reads the heredocs of every multi-line RUN and COPY (dockerfile-ast finds them
 * anew on each call) to skip their lines, even with the check turned off (the server leaves it to a rule): then
 * no lines are looked up, as the diagnostics they could lead to are discarded anyway.
 * A stage name after `FROM … AS` was tested with `/^[a-z]([a-z0-9_\-.]*)*$/`, whose nested repetition backtracks
 * exponentially on a name that fails late: `FROM node:20 AS frontend-builder-stage-one:` took seconds, a few more
 * characters minutes, with the server frozen (a FROM line continued into the next instruction is another way to
 * get there). The same language is now tested with `/^[a-z][a-z0-9_\-.]*$/`, in linear time, and the same
 * diagnostic made.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { ValidationSeverity } from 'dockerfile-utils';
import { Validator } from 'dockerfile-utils/lib/dockerValidator';

const SHELL_EXPANDED = new Set(['RUN', 'CMD', 'ENTRYPOINT']);
/** A `${` not followed by a plain name and `}`: the only place a modifier can be. */
const BRACE_WITH_MORE_THAN_A_NAME = /\$\{(?![A-Za-z0-9_]*\})/;
/** The validator's stage name pattern without its nested repetition. */
const STAGE_NAME = /^[a-z][a-z0-9_\-.]*$/;
/** The position of the stage name among FROM's arguments (`image AS name`). */
const STAGE_NAME_ARGUMENT = 2;

type ArgumentCheck = (index: number, argument: string, range: Range) => unknown;
type CheckArguments = (this: Validator, instruction: Instruction, problems: unknown[], expected: number[], check: ArgumentCheck, ...rest: unknown[]) => void;
type StageNameDiagnostic = (instructionLine: number, range: Range, name: string) => unknown;

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
  const withArguments = Validator.prototype as unknown as { checkArguments: CheckArguments };
  const checkArguments = withArguments.checkArguments;
  const invalidStageName = (Validator as unknown as { createInvalidBuildStageName: StageNameDiagnostic }).createInvalidBuildStageName;
  withArguments.checkArguments = function (this: Validator, instruction, problems, expected, check, ...rest): void {
    const checkStageName: ArgumentCheck =
      instruction.getKeyword() !== 'FROM'
        ? check
        : (index, argument, range) => {
            if (index !== STAGE_NAME_ARGUMENT) {
              return check(index, argument, range);
            }
            const name = argument.toLowerCase();
            return STAGE_NAME.test(name) ? null : invalidStageName(instruction.getInstructionRange().start.line, range, name);
          };
    checkArguments.call(this, instruction, problems, expected, checkStageName, ...rest);
  };
  prototype.checkVariables = function (this: Validator, instruction: Instruction, problems: unknown[]): void {
    if (!SHELL_EXPANDED.has(instruction.getKeyword()) && BRACE_WITH_MORE_THAN_A_NAME.test(instruction.getTextContent())) {
      checkVariables.call(this, instruction, problems);
    }
  };
}
