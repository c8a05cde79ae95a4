/**
 * Shortcuts in dockerfile-utils' validator that change none of its results. `checkVariables` parsed every
 * variable of every instruction (ranges, resolution, one object each) to report unsupported modifiers. It never
 * reports them for RUN, CMD and ENTRYPOINT (the shell expands those), and a modifier needs the `${` form: other
 * instructions without `${` in their text cannot have one. Both are now skipped, the bulk of all variables.
 */
import type { Instruction } from 'dockerfile-ast';
import { Validator } from 'dockerfile-utils/lib/dockerValidator';

const SHELL_EXPANDED = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

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
    if (!SHELL_EXPANDED.has(instruction.getKeyword()) && instruction.getTextContent().includes('${')) {
      checkVariables.call(this, instruction, problems);
    }
  };
}
