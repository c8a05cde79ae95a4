// Where the grammar and the Dockerfile parser (dockerfile-ast) disagree on what a line is. A region that
// runs on past its end (embedded shell, a heredoc body, a string) shows up here as an instruction or a
// comment that is not highlighted as one.
import { DockerfileParser } from 'dockerfile-ast';
import { tokenAt, type TokenizedLine } from './tokenizer';

export function hasScope(lines: TokenizedLine[], line: number, character: number, scope: string): boolean {
  const token = tokenAt(lines[line], character);
  return token !== undefined && token.scopes.some((name) => name === scope || name.startsWith(`${scope}.`));
}

/** What the grammar gets wrong in one document, as readable lines; empty when it agrees with the parser. */
export function disagreements(text: string, lines: TokenizedLine[]): string[] {
  const problems: string[] = [];
  const dockerfile = DockerfileParser.parse(text);
  for (const instruction of dockerfile.getInstructions()) {
    const start = instruction.getInstructionRange().start;
    if (!hasScope(lines, start.line, start.character, 'keyword.control.instruction')) {
      problems.push(`line ${start.line + 1}: instruction ${instruction.getKeyword()} is not highlighted as one: ${lines[start.line].text}`);
    }
  }
  for (const comment of dockerfile.getComments()) {
    const start = comment.getRange().start;
    if (!hasScope(lines, start.line, start.character, 'comment.line')) {
      problems.push(`line ${start.line + 1}: comment is not highlighted as one: ${lines[start.line].text}`);
    }
  }
  return problems;
}
