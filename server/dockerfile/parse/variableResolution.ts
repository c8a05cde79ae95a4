/**
 * Variable resolution in dockerfile-ast without its quadratic scans. `Dockerfile.resolveVariable` and
 * `Instruction.isBuildVariable` run for every variable the parser hands out; each asked `getContainingImage`
 * (a walk over every stage, allocating ranges) and then scanned every ENV and ARG of the stage from its end.
 * Here each image template gets an index, built once per instruction count: for each name, its ENV and ARG
 * declarations in document order, so "the declaration in effect on line n" is a binary search. The answers are
 * the library's own, including its corner cases (ENV before ARG whatever their order, the first property of an
 * ENV declaring a name twice, a line no stage contains falling back to the whole file).
 */
import { Arg, Env, From, Keyword, Property } from 'dockerfile-ast';
import { Dockerfile as DockerfileClass } from 'dockerfile-ast/lib/dockerfile';
import { ImageTemplate } from 'dockerfile-ast/lib/imageTemplate';
import { Instruction } from 'dockerfile-ast/lib/instruction';
import type { Position, Range } from 'vscode-languageserver-types';

interface Declaration {
  line: number;
  property: Property;
}

/** One template's ENV and ARG declarations by name, each list in document order. */
export interface DeclarationIndex {
  instructionCount: number;
  envs: Map<string, Declaration[]>;
  args: Map<string, Declaration[]>;
}

export type Declared = { kind: 'env' | 'arg'; property: Property } | undefined;

function addDeclaration(byName: Map<string, Declaration[]>, name: string, declaration: Declaration): void {
  const list = byName.get(name);
  if (list) {
    list.push(declaration);
  } else {
    byName.set(name, [declaration]);
  }
}

export function buildDeclarationIndex(instructions: readonly Instruction[]): DeclarationIndex {
  const envs = new Map<string, Declaration[]>();
  const args = new Map<string, Declaration[]>();
  for (const instruction of instructions) {
    if (instruction instanceof Env) {
      const line = instruction.getRange().start.line;
      const seen = new Set<string>();
      for (const property of instruction.getProperties()) {
        const name = property.getName();
        // The library takes the first property of an ENV that declares a name twice.
        if (!seen.has(name)) {
          seen.add(name);
          addDeclaration(envs, name, { line, property });
        }
      }
    } else if (instruction instanceof Arg) {
      const property = instruction.getProperty();
      if (property) {
        addDeclaration(args, property.getName(), { line: instruction.getRange().start.line, property });
      }
    }
  }
  return { instructionCount: instructions.length, envs, args };
}

/** The last declaration that starts on a line before `line` (instructions start on distinct, increasing lines). */
function lastBefore(list: Declaration[] | undefined, line: number): Declaration | undefined {
  if (!list) {
    return undefined;
  }
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle].line < line) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low > 0 ? list[low - 1] : undefined;
}

/** The declaration of `name` in effect on `line`: an ENV before it wins over any ARG, as in the library. */
export function declarationAt(index: DeclarationIndex, name: string, line: number, argsOnly = false): Declared {
  const env = argsOnly ? undefined : lastBefore(index.envs.get(name), line);
  if (env) {
    return { kind: 'env', property: env.property };
  }
  const arg = lastBefore(index.args.get(name), line);
  return arg ? { kind: 'arg', property: arg.property } : undefined;
}

const declarations = Symbol('dockside.declarations');
const images = Symbol('dockside.images');
type IndexedTemplate = ImageTemplate & { [declarations]?: DeclarationIndex };

function indexOf(template: IndexedTemplate): DeclarationIndex {
  const instructions = template.getInstructions();
  let index = template[declarations];
  if (!index || index.instructionCount !== instructions.length) {
    index = buildDeclarationIndex(instructions);
    template[declarations] = index;
  }
  return index;
}

/** Util.isInsideRange of dockerfile-ast, without allocating. */
function isInside(position: Position, range: Range): boolean {
  if (range.start.line === range.end.line) {
    return range.start.line === position.line && range.start.character <= position.character && position.character <= range.end.character;
  } else if (range.start.line === position.line) {
    return range.start.character <= position.character;
  } else if (range.end.line === position.line) {
    return position.character <= range.end.character;
  }
  return range.start.line < position.line && position.line < range.end.line;
}

/** What `getContainingImage` and `resolveVariable` need of a Dockerfile, fixed once it is parsed. */
interface ImageLayout {
  instructionCount: number;
  initialComments: number;
  documentEnd: Position;
  /** The initial instructions' template when it counts (it has instructions or comments), with its range. */
  initial?: { template: ImageTemplate; range: Range };
  /** The build stages in document order (their line spans do not overlap). */
  stages: { template: ImageTemplate; range: Range }[];
  /** The line spans of the FROM instructions, in order. */
  fromLines: { start: number; end: number }[];
}

/** The Dockerfile's private fields the layout is read from. */
interface DockerfileInternals {
  [images]?: ImageLayout;
  initialInstructions: ImageTemplate;
  buildStages: ImageTemplate[];
  document: { getText(): string; positionAt(offset: number): Position };
}

type LayoutDockerfile = DockerfileClass;

function internals(dockerfile: DockerfileClass): DockerfileInternals {
  return dockerfile as unknown as DockerfileInternals;
}

/** A template's range; the library's getRange gives an empty range at 0:0 for a template without instructions. */
function rangeOf(template: ImageTemplate): Range {
  return template.getRange() ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function layoutOf(file: LayoutDockerfile): ImageLayout {
  const dockerfile = internals(file);
  const instructionCount = file.getInstructions().length;
  const initialComments = dockerfile.initialInstructions.getComments().length;
  let layout = dockerfile[images];
  if (!layout || layout.instructionCount !== instructionCount || layout.initialComments !== initialComments) {
    const initial = dockerfile.initialInstructions;
    layout = {
      instructionCount,
      initialComments,
      documentEnd: dockerfile.document.positionAt(dockerfile.document.getText().length),
      initial: initialComments > 0 || initial.getInstructions().length > 0 ? { template: initial, range: rangeOf(initial) } : undefined,
      stages: dockerfile.buildStages.map((template) => ({ template, range: rangeOf(template) })),
      fromLines: file.getFROMs().map((from) => ({ start: from.getRange().start.line, end: from.getRange().end.line })),
    };
    dockerfile[images] = layout;
  }
  return layout;
}

/** Dockerfile.getContainingImage, with the stage found by binary search. */
function containingImage(dockerfile: LayoutDockerfile, position: Position): ImageTemplate | null {
  const layout = layoutOf(dockerfile);
  const end = layout.documentEnd;
  if (position.line < 0 || position.character < 0 || position.line > end.line || (position.line === end.line && position.character > end.character)) {
    return null;
  }
  if (layout.initial && isInside(position, layout.initial.range)) {
    return layout.initial.template;
  }
  const stages = layout.stages;
  let low = 0;
  let high = stages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = stages[middle].range;
    if (position.line < range.start.line) {
      high = middle - 1;
    } else if (position.line > range.end.line) {
      low = middle + 1;
    } else {
      return isInside(position, range) ? stages[middle].template : dockerfile;
    }
  }
  return dockerfile;
}

function isOnFromLine(layout: ImageLayout, line: number): boolean {
  const froms = layout.fromLines;
  let low = 0;
  let high = froms.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (line < froms[middle].start) {
      high = middle - 1;
    } else if (line > froms[middle].end) {
      low = middle + 1;
    } else {
      return true;
    }
  }
  return false;
}

function valueOf(declared: Declared): string | null | undefined {
  return declared ? declared.property.getValue() : undefined;
}

let installed = false;

/** Replaces the library's resolution methods with the indexed ones. Idempotent. */
export function installVariableResolution(): void {
  if (installed) {
    return;
  }
  installed = true;
  ImageTemplate.prototype.resolveVariable = function (this: IndexedTemplate, variable: string, line: number) {
    return valueOf(declarationAt(indexOf(this), variable, line)) as string | undefined;
  };
  DockerfileClass.prototype.getContainingImage = function (this: LayoutDockerfile, position: Position) {
    return containingImage(this, position) as ImageTemplate;
  };
  // A line no stage contains resolves against the whole file (the library's recursion through the Dockerfile
  // itself ended there too, once it no longer overflowed the stack); an ARG without a value, and a FROM line,
  // against the ARGs before the first FROM.
  DockerfileClass.prototype.resolveVariable = function (this: LayoutDockerfile, variable: string, line: number) {
    const initialArg = () => valueOf(declarationAt(indexOf(internals(this).initialInstructions), variable, line, true)) as string | undefined;
    if (isOnFromLine(layoutOf(this), line)) {
      return initialArg();
    }
    const image = containingImage(this, { line, character: 0 });
    if (image === null) {
      return undefined;
    }
    const resolved = valueOf(declarationAt(indexOf(image), variable, line));
    return resolved === null ? initialArg() : (resolved as string | undefined);
  };
  // The variables completion offers on a line: the library asks the stage holding the line, which for a line no
  // stage holds is the Dockerfile itself, which asked itself again until the stack overflowed (a `$` typed in an
  // instruction before the first FROM, found by a sweep of requests over mutated files). Such a line gets the
  // variables declared before it in the whole file, as it resolves them.
  const getAvailableVariables = DockerfileClass.prototype.getAvailableVariables;
  DockerfileClass.prototype.getAvailableVariables = function (this: LayoutDockerfile, currentLine: number) {
    if (!(this.getInstructionAt(currentLine) instanceof From) && containingImage(this, { line: currentLine, character: 0 }) === this) {
      return ImageTemplate.prototype.getAvailableVariables.call(this, currentLine);
    }
    return getAvailableVariables.call(this, currentLine);
  };
  // true: an ARG declares the name on that line; false: an ENV; undefined: nothing.
  const isBuildVariable = (Instruction.prototype as unknown as { isBuildVariable(variable: string, line: number): boolean | undefined }).isBuildVariable;
  (Instruction.prototype as unknown as { isBuildVariable(this: Instruction, variable: string, line: number): boolean | undefined }).isBuildVariable = function (
    this: Instruction & { dockerfile: LayoutDockerfile },
    variable: string,
    line: number,
  ) {
    const image = this.getKeyword() === Keyword.FROM ? null : containingImage(this.dockerfile, { line, character: 0 });
    if (image === null) {
      // FROM looks among the initial ARGs (few); a line outside the document fails as in the library.
      return isBuildVariable.call(this, variable, line);
    }
    const declared = declarationAt(indexOf(image), variable, line);
    return declared === undefined ? undefined : declared.kind === 'arg';
  };
}
