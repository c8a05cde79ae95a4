// Where the grammar and the Dockerfile parser (dockerfile-ast) disagree on what a piece of text is. A
// region that runs on past its end (embedded shell, a heredoc body, a string) shows up here as an
// instruction, a comment or a flag that is not highlighted as one.
import { Cmd, Copy, DockerfileParser, Entrypoint, From, type Heredoc, type Instruction, ModifiableInstruction, PropertyInstruction, Run } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { tokenAt, type TokenizedLine } from './tokenizer';

export function hasScope(lines: TokenizedLine[], line: number, character: number, scope: string): boolean {
  const token = tokenAt(lines[line], character);
  return token !== undefined && token.scopes.some((name) => name === scope || name.startsWith(`${scope}.`));
}

interface Expectation {
  what: string;
  range: Range;
  scope: string;
  /** Scopes the start of the range must not carry. */
  not?: string;
}

/** Instructions whose variables are the shell's (scoped by the embedded shell grammar) or are never expanded. */
const shellInstructions = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'ONBUILD', 'SHELL']);

function heredocsOf(instruction: Instruction): Heredoc[] {
  return instruction instanceof Run || instruction instanceof Copy ? instruction.getHeredocs() : [];
}

function expectationsOf(instruction: Instruction): Expectation[] {
  const expected: Expectation[] = [
    { what: `instruction ${instruction.getKeyword()}`, range: instruction.getInstructionRange(), scope: 'keyword.control.instruction' },
  ];
  const heredocs = heredocsOf(instruction);
  if (instruction instanceof ModifiableInstruction) {
    for (const flag of instruction.getFlags()) {
      expected.push({ what: `flag --${flag.getName()}`, range: flag.getNameRange(), scope: 'variable.parameter.flag' });
    }
  }
  if (instruction instanceof PropertyInstruction && heredocs.length === 0) {
    for (const property of instruction.getProperties()) {
      expected.push({ what: `key ${property.getName()}`, range: property.getNameRange(), scope: 'variable.other.property' });
    }
  }
  if (instruction instanceof From) {
    const image = instruction.getImageNameRange();
    if (image && !instruction.getImageName()?.includes('$')) {
      expected.push({ what: 'image name', range: image, scope: 'entity.name.type.class' });
    }
    const stage = instruction.getBuildStageRange();
    if (stage) {
      expected.push({ what: 'stage name', range: stage, scope: 'entity.name.namespace.stage' });
    }
  }
  if (!shellInstructions.has(instruction.getKeyword()) && heredocs.length === 0) {
    for (const variable of instruction.getVariables()) {
      expected.push({ what: `variable ${variable.getName()}`, range: variable.getNameRange(), scope: 'variable.other.readwrite' });
    }
  }
  if ((instruction instanceof Run || instruction instanceof Cmd || instruction instanceof Entrypoint) && heredocs.length === 0) {
    const args = instruction.getArguments();
    const [first] = args;
    const json = instruction.getJSONStrings();
    const emptyExecForm = args.map((arg) => arg.getValue()).join('') === '[]';
    if (json.length > 0) {
      expected.push({ what: 'exec form', range: json[0].getRange(), scope: 'meta.exec-form', not: 'source.shell' });
    } else if (first && !emptyExecForm) {
      expected.push({ what: 'shell form', range: first.getRange(), scope: 'source.shell', not: 'meta.exec-form' });
      const last = args[args.length - 1];
      expected.push({ what: 'the end of the shell form', range: last.getRange(), scope: 'source.shell' });
    }
  }
  for (const heredoc of heredocs) {
    expected.push({ what: `heredoc marker ${heredoc.getName()}`, range: heredoc.getNameRange(), scope: 'keyword.control.heredoc-token' });
    const delimiter = heredoc.getDelimiterRange();
    if (delimiter) {
      expected.push({ what: `heredoc delimiter ${heredoc.getName()}`, range: delimiter, scope: 'keyword.control.heredoc-token' });
    }
    const content = heredoc.getContentRange();
    if (content) {
      expected.push({ what: `heredoc body of ${heredoc.getName()}`, range: content, scope: 'meta.heredoc', not: 'keyword.control.instruction' });
    }
  }
  return expected;
}

/** What the grammar gets wrong in one document, as readable lines; empty when it agrees with the parser. */
export function disagreements(text: string, lines: TokenizedLine[]): string[] {
  const problems: string[] = [];
  const dockerfile = DockerfileParser.parse(text);
  const expected: Expectation[] = dockerfile.getInstructions().flatMap(expectationsOf);
  for (const comment of dockerfile.getComments()) {
    expected.push({ what: 'comment', range: comment.getRange(), scope: 'comment.line' });
  }
  for (const { what, range, scope, not } of expected) {
    const { line, character } = range.start;
    if (!hasScope(lines, line, character, scope) || (not !== undefined && hasScope(lines, line, character, not))) {
      const token = tokenAt(lines[line], character);
      problems.push(`line ${line + 1}:${character + 1}: ${what} is not ${scope}: ${lines[line].text.trim()} [${token?.scopes.slice(1).join(' ') ?? 'no token'}]`);
    }
  }
  return problems;
}
