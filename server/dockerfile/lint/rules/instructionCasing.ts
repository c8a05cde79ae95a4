import type { Rule } from '../rule';

export const instructionCasing: Rule = {
  code: 'DS103',
  name: 'instruction-casing',
  title: 'Instruction keywords should use one casing throughout the file',
  severity: 'warning',
  buildkit: 'ConsistentInstructionCasing',
  description: 'Keywords may be written in upper or lower case, but mixing both in one file hurts readability. The majority casing wins.',
  check(context) {
    const keywords = context.instructions.map((instruction) => instruction.getInstruction());
    const upper = keywords.filter((keyword) => keyword === keyword.toUpperCase()).length;
    const lower = keywords.filter((keyword) => keyword === keyword.toLowerCase()).length;
    const expectUpper = upper >= lower;
    return context.instructions
      .filter((instruction) => {
        const keyword = instruction.getInstruction();
        return expectUpper ? keyword !== keyword.toUpperCase() : keyword !== keyword.toLowerCase();
      })
      .map((instruction) => {
        const keyword = instruction.getInstruction();
        const expected = expectUpper ? keyword.toUpperCase() : keyword.toLowerCase();
        const range = instruction.getInstructionRange();
        return {
          range,
          message: `Command '${keyword}' should match the case of the command majority (${expectUpper ? 'uppercase' : 'lowercase'})`,
          fixes: [{ title: `Write '${expected}'`, edits: [{ range, newText: expected }] }],
        };
      });
  },
};
