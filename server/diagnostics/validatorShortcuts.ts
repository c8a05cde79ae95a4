/**
 * Shortcuts in dockerfile-utils' validator that change none of its results. `checkVariables` parsed every
 * variable of every instruction (ranges, resolution, one object each) to report unsupported modifiers. It never
 * reports them for RUN, CMD and ENTRYPOINT (the shell expands those), and a modifier needs the `${` form with
 * something after the name: dockerfile-ast reads `${NAME}` (letters, digits, `_`) as a variable without one.
 * Instructions whose every `${` opens such a plain reference are now skipped, the bulk of all variables.
 */
import type { Instruction } from 'dockerfile-ast';
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
  prototype.checkVariables = function (this: Validator, instruction: Instruction, problems: unknown[]): void {
    if (!SHELL_EXPANDED.has(instruction.getKeyword()) && BRACE_WITH_MORE_THAN_A_NAME.test(instruction.getTextContent())) {
      checkVariables.call(this, instruction, problems);
    }
  };
}
