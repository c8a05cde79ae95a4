/**
 * The one place that parses Dockerfiles. dockerfile-ast's parser is wrapped twice:
 * - BuildKit's continuation rule is applied first (see ./continuation);
 * - `Instruction.getRawArguments`, which rescans the instruction text and allocates fresh ranges on every call
 *   (and is called many times per instruction by the parser, the validator and every feature), is memoised per
 *   instruction: the text never changes once parsed, so the scan runs once and each call gets fresh copies.
 * The library's own features call `DockerfileParser.parse(text)` on every request; `parse` below answers those
 * calls from a small cache keyed by the exact text, so they reuse the parse of the current document version.
 */
import { Argument, Dockerfile, DockerfileParser } from 'dockerfile-ast';
import { Instruction } from 'dockerfile-ast/lib/instruction';
import { detectEscapeCharacter, neutraliseEscapedContinuations } from './continuation';

const rawArguments = Symbol('dockside.rawArguments');
type MemoInstruction = Instruction & { [rawArguments]?: Argument[] };

const originalParse = DockerfileParser.parse.bind(DockerfileParser);

/** Parses `text` as BuildKit reads it, without consulting the cache. */
export function parseUncached(text: string): Dockerfile {
  return originalParse(neutraliseEscapedContinuations(text, detectEscapeCharacter(text)));
}

const recent: { text: string; dockerfile: Dockerfile }[] = [];
const CACHE_SIZE = 8;

/** Parses `text`, or returns the parse of the same text made recently (by us or by a library feature). */
export function parse(text: string): Dockerfile {
  for (const entry of recent) {
    if (entry.text === text) {
      return entry.dockerfile;
    }
  }
  const dockerfile = parseUncached(text);
  recent.unshift({ text, dockerfile });
  if (recent.length > CACHE_SIZE) {
    recent.pop();
  }
  return dockerfile;
}

/** Forgets every cached parse (documents closed). */
export function clearParseCache(): void {
  recent.length = 0;
}

function copyArgument(argument: Argument): Argument {
  const { start, end } = argument.getRange();
  return new Argument(argument.getValue(), {
    start: { line: start.line, character: start.character },
    end: { line: end.line, character: end.character },
  });
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
      args = computeRawArguments.call(this);
      this[rawArguments] = args;
    }
    // Callers (From.getImageNameRange among them) assign to the ranges they are given: hand out copies.
    return args.map(copyArgument);
  };
}
