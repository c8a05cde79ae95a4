import { Arg, Dockerfile, Env, From, Instruction, Workdir } from 'dockerfile-ast';
import type { Position } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectFacts, collectFactsThrough, DocumentFacts } from './facts';
import { hold, parse, release } from './parser';

export interface DeclarationBlock {
  start: number;
  end: number;
  stage: number;
  isFrom: boolean;
  /** The variables an ARG or ENV declares (empty for FROM and WORKDIR). */
  names: string[];
}

/**
 * One version of one Dockerfile, parsed once. Everything derived from the parse (stages, variables, the
 * instruction index) is computed on first use and kept with the version.
 */
export class ParsedDocument {
  readonly dockerfile: Dockerfile;
  private cachedFacts: DocumentFacts | undefined;
  private cachedInstructions: Instruction[] | undefined;
  private cachedDeclarations: DeclarationBlock[] | undefined;

  private readonly parsedText: string;
  private released = false;

  /**
   * A snapshot of the version that was parsed. TextDocuments updates a document object in place on incremental
   * changes, so the live object would show a later version's text and number next to this version's parse.
   */
  readonly document: TextDocument;

  constructor(live: TextDocument) {
    this.parsedText = live.getText();
    this.document = TextDocument.create(live.uri, live.languageId, live.version, this.parsedText);
    this.dockerfile = parse(this.parsedText);
    hold(this.parsedText, this.dockerfile);
  }

  /** This version is replaced or closed: the library features no longer need its parse. */
  release(): void {
    if (!this.released) {
      this.released = true;
      release(this.parsedText);
    }
  }

  get uri(): string {
    return this.document.uri;
  }

  get version(): number {
    return this.document.version;
  }

  get text(): string {
    return this.parsedText;
  }

  get escapeCharacter(): string {
    return this.dockerfile.getEscapeCharacter();
  }

  /** Stages, ARG/ENV declarations and variable references, computed once per version. */
  get facts(): DocumentFacts {
    this.cachedFacts ??= collectFacts(this.dockerfile);
    return this.cachedFacts;
  }

  /**
   * Facts that hold every occurrence in `instruction` (one of `instructions`): the whole document's when they are
   * computed, else those up to `instruction` (see collectFactsThrough), which a hover right after an edit of a
   * long file gets in a fraction of the time.
   */
  factsThrough(instruction: Instruction): DocumentFacts {
    return this.cachedFacts ?? collectFactsThrough(this.instructions, this.instructions.indexOf(instruction));
  }

  /** Every instruction in document order (ONBUILD triggers stay inside their ONBUILD). */
  get instructions(): Instruction[] {
    this.cachedInstructions ??= this.dockerfile.getInstructions();
    return this.cachedInstructions;
  }

  /** The lines of every FROM, ARG, ENV and WORKDIR, in order, with the stage they belong to (-1: before any FROM). */
  get declarations(): DeclarationBlock[] {
    if (!this.cachedDeclarations) {
      const blocks: DeclarationBlock[] = [];
      let stage = -1;
      for (const instruction of this.instructions) {
        const isFrom = instruction instanceof From;
        if (isFrom) {
          stage++;
        }
        if (isFrom || instruction instanceof Arg || instruction instanceof Env || instruction instanceof Workdir) {
          const range = instruction.getRange();
          const names =
            instruction instanceof Arg
              ? [instruction.getProperty()?.getName() ?? '']
              : instruction instanceof Env
                ? instruction.getProperties().map((property) => property.getName())
                : [];
          blocks.push({ start: range.start.line, end: range.end.line, stage, isFrom, names });
        }
      }
      this.cachedDeclarations = blocks;
    }
    return this.cachedDeclarations;
  }

  /** The instruction whose range holds `position`, found by binary search; undefined between instructions. */
  instructionAt(position: Position): Instruction | undefined {
    const instructions = this.instructions;
    let low = 0;
    let high = instructions.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const range = instructions[middle].getRange();
      if (position.line < range.start.line) {
        high = middle - 1;
      } else if (position.line > range.end.line) {
        low = middle + 1;
      } else {
        return instructions[middle];
      }
    }
    return undefined;
  }
}
