/**
 * The one place that parses Dockerfiles. dockerfile-ast's parser is wrapped twice:
 * - BuildKit's continuation rule is applied first (see ./continuation);
 * - `Instruction.getRawArguments` (and `getVariables`, below), which rescans the instruction text and allocates fresh ranges on every call
 *   (and is called many times per instruction by the parser, the validator and every feature), is memoised per
 *   instruction: the text never changes once parsed, so the scan runs once and each call gets fresh copies.
 * The library's own features call `DockerfileParser.parse(text)` on every request; `parse` below answers those
 * calls from a small cache keyed by the exact text, so they reuse the parse of the current document version.
 * `installParser` also takes the library's slow paths out where the answer is known to be the same (server/README.md
 * lists each change); variable resolution is indexed in ./variableResolution.
 */
import { Argument, Dockerfile, DockerfileParser, From, Heredoc, Property, PropertyInstruction, Variable } from 'dockerfile-ast';
import { Dockerfile as DockerfileClass } from 'dockerfile-ast/lib/dockerfile';
import { ImageTemplate } from 'dockerfile-ast/lib/imageTemplate';
import type { Range } from 'vscode-languageserver-types';
import { Instruction } from 'dockerfile-ast/lib/instruction';
import { Line } from 'dockerfile-ast/lib/line';
import { ModifiableInstruction } from 'dockerfile-ast/lib/modifiableInstruction';
import { Parser } from 'dockerfile-ast/lib/parser';
import { detectEscapeCharacter, neutraliseEscapedContinuations } from './continuation';
import { simpleRawArguments } from './rawArguments';
import { installVariableResolution } from './variableResolution';

const rawArguments = Symbol('dockside.rawArguments');
const variables = Symbol('dockside.variables');
const keyword = Symbol('dockside.keyword');
const propertyArguments = Symbol('dockside.propertyArguments');
const lastCreated = Symbol('dockside.lastCreated');
const textMemo = Symbol('dockside.textContent');
const argumentsContentMemo = Symbol('dockside.argumentsContent');
const rawArgumentsContentMemo = Symbol('dockside.rawArgumentsContent');
const argumentsRangeMemo = Symbol('dockside.argumentsRange');
const argumentsMemo = Symbol('dockside.arguments');
/** The parser's own state: the instruction it built last, with what it was built from. */
interface ReusingParser {
  [lastCreated]?: { dockerfile: Dockerfile; name: string; start: number; nameEnd: number; end: number; instruction: Instruction };
}
type MemoInstruction = Instruction & { [rawArguments]?: Argument[]; [variables]?: Variable[]; [keyword]?: string };

const originalParse = DockerfileParser.parse.bind(DockerfileParser);

/** Parses `text` as BuildKit reads it, without consulting the cache. */
export function parseUncached(text: string): Dockerfile {
  return originalParse(neutraliseEscapedContinuations(text, detectEscapeCharacter(text)));
}

/** Parses of the open documents' current versions, by text (several documents may share one text). */
const pinned = new Map<string, { dockerfile: Dockerfile; holders: number }>();
/** A couple of recent transient parses (request windows); kept small, since parses are large. */
const recent: { text: string; dockerfile: Dockerfile }[] = [];
const RECENT_SIZE = 2;

/** Parses `text`, or returns the parse of the same text held for an open document or made just before. */
export function parse(text: string): Dockerfile {
  const held = pinned.get(text);
  if (held) {
    return held.dockerfile;
  }
  for (const entry of recent) {
    if (entry.text === text) {
      return entry.dockerfile;
    }
  }
  const dockerfile = parseUncached(text);
  recent.unshift({ text, dockerfile });
  if (recent.length > RECENT_SIZE) {
    recent.pop();
  }
  return dockerfile;
}

/** Keeps the parse of `text` for as long as a document version holds it (see `release`). */
export function hold(text: string, dockerfile: Dockerfile): void {
  const held = pinned.get(text);
  if (held) {
    held.holders++;
  } else {
    pinned.set(text, { dockerfile, holders: 1 });
  }
}

/** The document version that held `text` is gone. */
export function release(text: string): void {
  const held = pinned.get(text);
  if (held && --held.holders === 0) {
    pinned.delete(text);
  }
}

/** Forgets every transient parse. */
export function clearParseCache(): void {
  recent.length = 0;
}

function copyRange(range: Range): Range {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

function copyArgument(argument: Argument): Argument {
  return new Argument(argument.getValue(), copyRange(argument.getRange()));
}

function copyVariable(variable: Variable): Variable {
  const modifierRange = variable.getModifierRange();
  const substitutionRange = variable.getSubstitutionRange();
  return new Variable(
    variable.getName(),
    copyRange(variable.getNameRange()),
    copyRange(variable.getRange()),
    variable.getModifier(),
    modifierRange && copyRange(modifierRange),
    variable.getSubstitutionParameter(),
    substitutionRange && copyRange(substitutionRange),
    variable.isDefined(),
    variable.isBuildVariable(),
    variable.toString(),
  );
}

const froms = Symbol('dockside.froms');
type GuardedDockerfile = Dockerfile & { [froms]?: { count: number; list: From[] } };

function isPlainPropertyText(value: string, escapeChar: string): boolean {
  const first = value[0];
  if (first === undefined || first === ' ' || first === '\t' || first === '"' || first === "'") {
    return false;
  }
  return !value.includes(escapeChar) && !value.includes('\n') && !value.includes('\r');
}

let installed = false;

/** Routes the libraries' calls to `DockerfileParser.parse` through `parse` and memoises raw arguments. Idempotent. */
export function installParser(): void {
  if (installed) {
    return;
  }
  installed = true;
  DockerfileParser.parse = parse;
  // getRawArguments is private in the typings; it is the method every argument accessor goes through.
  const prototype = Instruction.prototype as unknown as { getRawArguments(this: MemoInstruction): Argument[] };
  const computeRawArguments = prototype.getRawArguments;
  prototype.getRawArguments = function (this: MemoInstruction): Argument[] {
    let args = this[rawArguments];
    if (!args) {
      args = simpleRawArguments(this) ?? computeRawArguments.call(this);
      this[rawArguments] = args;
    }
    // From's image accessors assign to the ranges they read (the only code in the three libraries that
    // assigns to an argument's range): FROM instructions get copies, the others a fresh array of the same
    // arguments, which spares the allocation that dominated the time on large files.
    return this instanceof From ? args.map(copyArgument) : args.slice();
  };
  // PropertyInstruction.getPropertyArguments (ENV, LABEL, ARG) rescans like getRawArguments and is called by the
  // ARG constructor, getProperties and the validator. The properties already share these arguments.
  type PropertyMemo = PropertyInstruction & { [propertyArguments]?: Argument[] };
  const propertyPrototype = PropertyInstruction.prototype as unknown as { getPropertyArguments(this: PropertyMemo): Argument[] };
  const computePropertyArguments = propertyPrototype.getPropertyArguments;
  propertyPrototype.getPropertyArguments = function (this: PropertyMemo): Argument[] {
    return (this[propertyArguments] ??= computePropertyArguments.call(this)).slice();
  };
  // The parser builds each instruction twice: once to look for heredocs after its first line, then again with
  // its final end. Without heredocs the two calls are identical, and the second gets the first's instruction.
  type CreateInstruction = (this: ReusingParser, dockerfile: Dockerfile, name: string, start: number, nameEnd: number, end: number) => Instruction;
  const parserPrototype = Parser.prototype as unknown as { createInstruction: CreateInstruction };
  const createInstruction = parserPrototype.createInstruction;
  parserPrototype.createInstruction = function (this: ReusingParser, dockerfile, name, start, nameEnd, end) {
    const last = this[lastCreated];
    this[lastCreated] = undefined;
    if (last && last.dockerfile === dockerfile && last.name === name && last.start === start && last.nameEnd === nameEnd && last.end === end) {
      return last.instruction;
    }
    const instruction = createInstruction.call(this, dockerfile, name, start, nameEnd, end);
    this[lastCreated] = { dockerfile, name, start, nameEnd, end, instruction };
    return instruction;
  };
  // Property.getValue unescapes a name or value a character at a time. A text that does not start with a quote or
  // whitespace and holds no escape character or line break is its own value.
  const propertyClass = Property as unknown as { getValue(value: string, escapeChar: string): string };
  const unescape = propertyClass.getValue;
  propertyClass.getValue = function (value: string, escapeChar: string): string {
    return isPlainPropertyText(value, escapeChar) ? value : unescape.call(this, value, escapeChar);
  };
  // getKeyword upper-cases the instruction's name on every call, and the validator and every rule call it.
  Instruction.prototype.getKeyword = function (this: MemoInstruction): string {
    return (this[keyword] ??= this.getInstruction().toUpperCase());
  };
  // DockerSemanticTokens removes comments embedded in multi-line instructions from the array getComments
  // returns, which is the template's own: on a shared parse, folding and formatting then lost those comments.
  const getComments = ImageTemplate.prototype.getComments;
  ImageTemplate.prototype.getComments = function (this: ImageTemplate) {
    return getComments.call(this).slice();
  };
  // The heredoc reader throws on some malformed bodies (a line `\tEOF` before the end of a `<<EOF` body): the
  // validator, and every rule that asks, then lost all their diagnostics for the file. Such an instruction reads as
  // having no heredocs.
  type HeredocReader = { getHeredocs(this: Instruction): Heredoc[] };
  const heredocPrototype = Instruction.prototype as unknown as HeredocReader;
  const getHeredocs = heredocPrototype.getHeredocs;
  heredocPrototype.getHeredocs = function (this: Instruction): Heredoc[] {
    try {
      return getHeredocs.call(this);
    } catch {
      return [];
    }
  };
  // Variables resolve through an index of each stage's declarations (see ./variableResolution).
  installVariableResolution();
  // Dockerfile.resolveVariable (called for every variable of every instruction) starts with getFROMs, a scan of
  // all instructions: quadratic in the file's length. The FROMs are kept until the instruction count changes.
  const getFROMs = DockerfileClass.prototype.getFROMs;
  DockerfileClass.prototype.getFROMs = function (this: GuardedDockerfile): From[] {
    const count = this.getInstructions().length;
    let cached = this[froms];
    if (!cached || cached.count !== count) {
      cached = { count, list: getFROMs.call(this) };
      this[froms] = cached;
    }
    return cached.list.slice();
  };
  // getVariables rescans every argument on each call; semantic tokens call it once per token, which made
  // them quadratic in the length of an instruction. The parser never calls it, so the first call sees the
  // complete tree.
  const computeVariables = Instruction.prototype.getVariables;
  Instruction.prototype.getVariables = function (this: MemoInstruction): Variable[] {
    let found = this[variables];
    if (!found) {
      found = computeVariables.call(this);
      this[variables] = found;
    }
    return found.map(copyVariable);
  };
  installArgumentAccessorMemos();
}

interface AccessorMemos {
  [textMemo]?: string;
  [argumentsContentMemo]?: string | null;
  [rawArgumentsContentMemo]?: string | null;
  [argumentsRangeMemo]?: Range | null;
  [argumentsMemo]?: Argument[];
}

/**
 * The accessors rules and the validator call on every instruction, many times each (a lint of the corpus made
 * ~12,000 getArgumentsRange calls and ~60,000 getArguments calls on ~13,500 instructions), each rescanning or
 * rebuilding from the raw arguments. An instruction's text never changes once parsed:
 * - the text accessors return strings, which nobody can change, so they are computed once;
 * - the arguments without their flags and the arguments' range are computed once, and each call gets a fresh
 *   array or range of the same argument positions, as the library's own calls share the raw arguments. FROM is
 *   left out, as for the raw arguments: its image accessors assign to the positions they read.
 */
function installArgumentAccessorMemos(): void {
  const lineText = Line.prototype.getTextContent;
  Line.prototype.getTextContent = function (this: Line & AccessorMemos): string {
    return (this[textMemo] ??= lineText.call(this));
  };
  const argumentsContent = Instruction.prototype.getArgumentsContent;
  Instruction.prototype.getArgumentsContent = function (this: Instruction & AccessorMemos): string | null {
    return this[argumentsContentMemo] !== undefined ? this[argumentsContentMemo] : (this[argumentsContentMemo] = argumentsContent.call(this));
  };
  const rawArgumentsContent = Instruction.prototype.getRawArgumentsContent;
  Instruction.prototype.getRawArgumentsContent = function (this: Instruction & AccessorMemos): string | null {
    return this[rawArgumentsContentMemo] !== undefined ? this[rawArgumentsContentMemo] : (this[rawArgumentsContentMemo] = rawArgumentsContent.call(this));
  };
  const argumentsRange = Instruction.prototype.getArgumentsRange;
  Instruction.prototype.getArgumentsRange = function (this: Instruction & AccessorMemos): Range | null {
    if (this instanceof From) {
      return argumentsRange.call(this);
    }
    const range = this[argumentsRangeMemo] !== undefined ? this[argumentsRangeMemo] : (this[argumentsRangeMemo] = argumentsRange.call(this));
    return range && { start: range.start, end: range.end };
  };
  const modifiableArguments = ModifiableInstruction.prototype.getArguments;
  ModifiableInstruction.prototype.getArguments = function (this: ModifiableInstruction & AccessorMemos): Argument[] {
    if (this instanceof From) {
      return modifiableArguments.call(this);
    }
    return (this[argumentsMemo] ??= modifiableArguments.call(this)).slice();
  };
}
