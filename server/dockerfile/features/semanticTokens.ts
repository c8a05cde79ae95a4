/**
 * Semantic tokens: dockerfile-language-service's DockerSemanticTokens, run in linear time. The library appends each
 * token with `tokens = tokens.concat([...])`, copying every token so far for each new one, and removes comments
 * inside continued instructions by scanning every comment for each such instruction: a 2,001-line file took ~26 s.
 * Here its token array is one that appends in place, and its top-level loop (`computeSemanticTokens`) is run
 * below with that removal done in one pass; every token is still made by the library's own code, so the tokens are
 * the same (test/server/semanticTokensLinear.test.ts compares them with the library's over the corpus).
 */
import { Argument, Comment, Dockerfile, Instruction, ParserDirective } from 'dockerfile-ast';
import { DockerSemanticTokens } from 'dockerfile-language-service/lib/dockerSemanticTokens';
import { Range, SemanticTokenModifiers, SemanticTokens, SemanticTokensLegend, SemanticTokenTypes } from 'vscode-languageserver-protocol';
import type { ParsedDocument } from '../parse/parsedDocument';

/**
 * The token types and modifiers DockerSemanticTokens emits, in its legend's order. All are standard LSP types:
 * keyword = instruction keywords and directive names, comment, parameter = flag names and directive values,
 * property = flag values and ENV/LABEL/ARG keys, namespace = image registry, class = image name and stage names,
 * macro = escape characters, string = quoted strings, variable = `$VAR`, operator = `=` and `:`/`@` in images,
 * modifier = image tag and digest.
 */
export const semanticTokensLegend: SemanticTokensLegend = {
  tokenTypes: [
    SemanticTokenTypes.keyword,
    SemanticTokenTypes.comment,
    SemanticTokenTypes.parameter,
    SemanticTokenTypes.property,
    SemanticTokenTypes.namespace,
    SemanticTokenTypes.class,
    SemanticTokenTypes.macro,
    SemanticTokenTypes.string,
    SemanticTokenTypes.variable,
    SemanticTokenTypes.operator,
    SemanticTokenTypes.modifier,
  ],
  tokenModifiers: [SemanticTokenModifiers.declaration, SemanticTokenModifiers.definition, SemanticTokenModifiers.deprecated],
};

/**
 * DockerSemanticTokens is quadratic in the length of one instruction (each token rescans the instruction's
 * variables): a 100,000-character RUN takes minutes. Instructions longer than this keep only their keyword
 * token (the grammar still colours the rest); the longest instruction in the real-world corpus is ~7,300.
 */
export const MAX_TOKENIZED_INSTRUCTION = 8000;

/** The text with the arguments of over-long instructions blanked out, newlines kept, so ranges are unchanged. */
function maskLongInstructions(parsed: ParsedDocument): string {
  const document = parsed.document;
  const text = parsed.text;
  // The text in pieces, joined once: many long instructions cost one copy of the text, not one each.
  const pieces: string[] = [];
  let copied = 0;
  for (const instruction of parsed.instructions) {
    const start = document.offsetAt(instruction.getInstructionRange().end);
    const end = document.offsetAt(instruction.getRange().end);
    if (end - start > MAX_TOKENIZED_INSTRUCTION && start >= copied) {
      pieces.push(text.slice(copied, start), text.slice(start, end).replace(/[^\r\n]/g, ' '));
      copied = end;
    }
  }
  return pieces.length === 0 ? text : pieces.join('') + text.slice(copied);
}

/** Instructions whose arguments (after their flags) are a shell command line or an exec-form JSON array. */
const commandInstructions = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/**
 * Where the grammar embeds the shell (or JSON): from the first argument after the flags (after `CMD` for
 * HEALTHCHECK) to the end of the instruction, as [start, end) offsets.
 */
function commandRegions(parsed: ParsedDocument): Array<[number, number]> {
  const regions: Array<[number, number]> = [];
  for (const instruction of parsed.instructions) {
    if (!commandInstructions.has(instruction.getKeyword())) {
      continue;
    }
    const args = instruction.getArguments();
    const first = instruction.getKeyword() === 'HEALTHCHECK' ? args[1] : args[0];
    if (first) {
      regions.push([parsed.document.offsetAt(first.getRange().start), parsed.document.offsetAt(instruction.getRange().end)]);
    }
  }
  return regions;
}

/**
 * The library tokenizes a RUN or CMD command line word by word as parameters, which would repaint the
 * shell the grammar highlights inside it (commands, strings, operators, variables) in one colour. Inside
 * those regions only comments are kept; the grammar's embedded shell and JSON colour the rest. A token that
 * does not start after the previous one is dropped: around a stray `\ \` line the library emits a variable
 * twice, or a token a line back, and tokens must come in order without overlapping.
 */
function withoutCommandTokens(parsed: ParsedDocument, tokens: SemanticTokens): SemanticTokens {
  const kept = new KeptTokens(parsed);
  const data = tokens.data;
  for (let i = 0; i < data.length; i += 5) {
    kept.add(data[i], data[i + 1], data[i + 2], data[i + 3], data[i + 4]);
  }
  return { ...tokens, data: kept.data };
}

/** The tokens withoutCommandTokens keeps, taken one at a time as the library makes them (relative encoding both). */
class KeptTokens {
  readonly data: number[] = [];
  private readonly regions: Array<[number, number]>;
  private readonly commentType = semanticTokensLegend.tokenTypes.indexOf(SemanticTokenTypes.comment);
  private line = 0;
  private character = 0;
  private lastLine = 0;
  private lastCharacter = 0;
  private lastEnd = 0;
  private region = 0;

  constructor(private readonly parsed: ParsedDocument) {
    this.regions = commandRegions(parsed);
  }

  add(deltaLine: number, deltaCharacter: number, length: number, type: number, modifiers: number): void {
    const line = (this.line += deltaLine);
    const character = (this.character = deltaLine === 0 ? this.character + deltaCharacter : deltaCharacter);
    const offset = this.parsed.document.offsetAt({ line, character });
    const regions = this.regions;
    while (this.region < regions.length && regions[this.region][1] <= offset) {
      this.region++;
    }
    const inside = this.region < regions.length && regions[this.region][0] <= offset;
    const data = this.data;
    const overlapping = data.length > 0 && (line < this.lastLine || (line === this.lastLine && character < this.lastEnd));
    if ((inside && type !== this.commentType) || overlapping) {
      return;
    }
    data.push(line - this.lastLine, line === this.lastLine ? character - this.lastCharacter : character, length, type, modifiers);
    this.lastLine = line;
    this.lastCharacter = character;
    this.lastEnd = character + length;
  }
}

type CreateToken = (this: DockerSemanticTokens, instruction: unknown, range: Range, ...rest: unknown[]) => void;
let tokenGuardInstalled = false;

/**
 * DockerSemanticTokens.createToken splits a token at escaped newlines by calling itself on the part after
 * each; on a comment line inside a continued instruction followed by a blank line (`ENV A 1 \`, `# note`, ``)
 * that part is the whole token again, and the recursion overflows the stack: the request failed and the file
 * lost all its tokens. A call made from within a call with the same arguments would repeat it forever; it now
 * returns, and that comment gets no token (the grammar colours it).
 */
function installTokenGuard(): void {
  if (tokenGuardInstalled) {
    return;
  }
  tokenGuardInstalled = true;
  const prototype = DockerSemanticTokens.prototype as unknown as { createToken: CreateToken };
  const createToken = prototype.createToken;
  // The calls in progress, innermost last.
  const calls: { instruction: unknown; range: Range; rest: unknown[] }[] = [];
  prototype.createToken = function (this: DockerSemanticTokens, instruction, range, ...rest) {
    const enclosing = calls.at(-1);
    if (enclosing && enclosing.instruction === instruction && sameRange(enclosing.range, range) && enclosing.rest.every((argument, index) => argument === rest[index])) {
      return;
    }
    calls.push({ instruction, range, rest });
    try {
      createToken.call(this, instruction, range, ...rest);
    } finally {
      calls.pop();
    }
  };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The parts of DockerSemanticTokens its top-level loop uses. */
interface TokenMaker {
  tokens: TokenAppender;
  quote: string | null;
  escapedQuote: boolean | null;
  currentRange: Range | null;
  dockerfile: Dockerfile;
  createArgumentTokens(instruction: Instruction, args: Argument[]): void;
  createToken(instruction: Instruction | null, range: Range, tokenType: string, tokenModifiers: string[], checkVariables: boolean): void;
  createTokensForInstruction(instruction: Instruction): void;
}

/** Where the library's tokens go: `add` is called for each, with the five numbers of its relative encoding. */
interface TokenSink {
  add(deltaLine: number, deltaCharacter: number, length: number, type: number, modifiers: number): void;
}

/** Every token, as the library's array would hold them. */
class AllTokens implements TokenSink {
  readonly data: number[] = [];

  add(deltaLine: number, deltaCharacter: number, length: number, type: number, modifiers: number): void {
    this.data.push(deltaLine, deltaCharacter, length, type, modifiers);
  }
}

/**
 * What DockerSemanticTokens does with its token array, `tokens = tokens.concat([five numbers])`, handing each
 * token to a sink and returning itself: linear, where the library copies every token so far for each new one.
 * (An array given its own `concat` property loses V8's fast elements; and the server keeps only some tokens, so
 * the sink filters them as they come instead of building the whole array first.)
 */
class TokenAppender {
  constructor(private readonly sink: TokenSink) {}

  concat(items: readonly number[]): this {
    for (let index = 0; index < items.length; index += 5) {
      this.sink.add(items[index], items[index + 1], items[index + 2], items[index + 3], items[index + 4]);
    }
    return this;
  }
}

/**
 * DockerSemanticTokens.computeSemanticTokens in linear time: the same steps in the same order, with comments
 * inside a continued instruction found by marking those instructions' inner lines once.
 */
export function linearLibraryTokens(text: string): number[] {
  const all = new AllTokens();
  runLinear(text, all, false);
  return all.data;
}

/** The library's loop over `text`, its tokens given to `sink`. */
function runLinear(text: string, sink: TokenSink, withoutCommandLines: boolean): void {
  installTokenGuard();
  const maker = new DockerSemanticTokens(text) as unknown as TokenMaker;
  maker.tokens = new TokenAppender(sink);
  const createArgumentTokens = maker.createArgumentTokens;
  // The instruction being tokenized whose argument tokens would all be dropped (see withoutCommandTokens).
  let commandLine: Instruction | undefined;
  maker.createArgumentTokens = function (this: TokenMaker, instruction, args) {
    const last = args.at(-1);
    const end = instruction.getRange().end;
    if (instruction === commandLine && last && last.getRange().end.line === end.line && last.getRange().end.character === end.character) {
      // As the library leaves it after the arguments' tokens: its last token ends where the last argument does.
      this.currentRange = { start: end, end };
      return;
    }
    createArgumentTokens.call(this, instruction, args);
  };
  const dockerfile = maker.dockerfile;
  const instructions = dockerfile.getInstructions();
  const innerLines = new Set<number>();
  for (const instruction of instructions) {
    const range = instruction.getRange();
    for (let line = range.start.line + 1; line < range.end.line; line++) {
      innerLines.add(line);
    }
  }
  // Joined without spreading into push(): a 4 MB file's ~137,000 instructions are more arguments than the stack holds.
  const lines: (Comment | Instruction)[] = [...dockerfile.getComments().filter((comment) => !innerLines.has(comment.getRange().start.line)), ...instructions];
  // The library's own order: a stable sort by first line, comments before an instruction on the same line.
  lines.sort((a, b) => a.getRange().start.line - b.getRange().start.line);
  for (const directive of dockerfile.getDirectives()) {
    directiveTokens(maker, directive);
  }
  for (const line of lines) {
    if (line instanceof Comment) {
      maker.createToken(null, line.getRange(), SemanticTokenTypes.comment, [], false);
    } else {
      // As the library: a quote left open does not make the next instruction's arguments strings.
      maker.quote = null;
      maker.escapedQuote = null;
      commandLine = withoutCommandLines && skipsArgumentTokens(line) ? line : undefined;
      maker.createTokensForInstruction(line);
    }
  }
}

/**
 * A one-line RUN, CMD, ENTRYPOINT or HEALTHCHECK: every token of its command line (the arguments the library
 * tokenizes word by word, and the grammar colours) is dropped, and one line has no comment inside, so the library
 * need not make them. Most of a long Dockerfile's lines are such instructions.
 */
function skipsArgumentTokens(instruction: Instruction): boolean {
  const range = instruction.getRange();
  return range.start.line === range.end.line && commandInstructions.has(instruction.getKeyword());
}

function directiveTokens(maker: TokenMaker, directive: ParserDirective): void {
  const range = directive.getRange();
  const nameRange = directive.getNameRange();
  maker.createToken(null, { start: range.start, end: nameRange.start }, SemanticTokenTypes.comment, [], false);
  maker.createToken(null, nameRange, SemanticTokenTypes.property, [], false);
  const valueRange = directive.getValueRange();
  const operatorRange = {
    start: { character: valueRange.start.character - 1, line: valueRange.start.line },
    end: { character: valueRange.start.character, line: valueRange.start.line },
  };
  maker.createToken(null, operatorRange, SemanticTokenTypes.operator, [], false);
  if (valueRange.start.character !== valueRange.end.character) {
    maker.createToken(null, valueRange, SemanticTokenTypes.parameter, [], false);
  }
}

/** The library's own tokens, as it computes them (quadratic: for comparisons only). */
export function libraryTokens(text: string): number[] {
  installTokenGuard();
  return (new DockerSemanticTokens(text).computeSemanticTokens() as SemanticTokens).data;
}

/**
 * The library's tokens over the text with over-long instructions masked, less those the grammar colours, filtered
 * as they are made; one-line command instructions get no argument tokens (see skipsArgumentTokens), which would
 * all be dropped.
 */
export function semanticTokens(parsed: ParsedDocument): SemanticTokens {
  const kept = new KeptTokens(parsed);
  runLinear(maskLongInstructions(parsed), kept, true);
  return { data: kept.data };
}

/** As `semanticTokens`, made by the library's own (quadratic) loop: for comparisons only. */
export function semanticTokensByLibrary(parsed: ParsedDocument): SemanticTokens {
  return withoutCommandTokens(parsed, { data: libraryTokens(maskLongInstructions(parsed)) });
}

