/**
 * Facts derived from one parse: the build stages and every named symbol (stage, ARG/ENV variable) with its
 * declarations and references. Definition, references, highlight and rename are lookups in these facts.
 */
import { Arg, Dockerfile, Env, From, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-protocol';

export interface StageFact {
  index: number;
  from: From;
  /** The name after `AS`, as written. */
  name?: string;
  nameRange?: Range;
}

export type SymbolKind = 'stage' | 'variable';

export interface SymbolFact {
  kind: SymbolKind;
  /** Unique within the document: stages are case-insensitive; variables are scoped to a stage or global. */
  key: string;
  name: string;
  declarations: Range[];
  references: Range[];
}

export interface Occurrence {
  range: Range;
  key: string;
  declaration: boolean;
}

export interface DocumentFacts {
  stages: StageFact[];
  symbols: Map<string, SymbolFact>;
  /** Every occurrence of every symbol, sorted by position. */
  occurrences: Occurrence[];
}

const GLOBAL_SCOPE = 'global';

export function stageKey(name: string): string {
  return `stage:${name.toLowerCase()}`;
}

function variableKey(scope: string, name: string): string {
  return `var:${scope}:${name}`;
}

class FactCollector {
  readonly stages: StageFact[] = [];
  readonly symbols = new Map<string, SymbolFact>();
  readonly occurrences: Occurrence[] = [];
  /** Names declared so far in the current scope, mapped to the key their references join. */
  private scopeVariables = new Map<string, string>();
  private readonly globalVariables = new Map<string, string>();
  private scope = GLOBAL_SCOPE;

  add(kind: SymbolKind, key: string, name: string, range: Range, declaration: boolean): void {
    let symbol = this.symbols.get(key);
    if (!symbol) {
      symbol = { kind, key, name, declarations: [], references: [] };
      this.symbols.set(key, symbol);
    }
    (declaration ? symbol.declarations : symbol.references).push(range);
    this.occurrences.push({ range, key, declaration });
  }

  collect(instructions: readonly Instruction[]): void {
    for (const instruction of instructions) {
      this.visit(instruction);
    }
    this.occurrences.sort((a, b) => comparePositions(a.range.start, b.range.start));
  }

  /**
   * What `collect` sees up to `instructions[last]`, without the stages before its own but their FROM lines:
   * the global section, each earlier FROM, then `last`'s stage up to `last`.
   */
  collectThrough(instructions: readonly Instruction[], last: number): void {
    let firstFrom = instructions.findIndex((instruction) => instruction instanceof From);
    if (firstFrom === -1 || firstFrom > last) {
      firstFrom = last + 1;
    }
    let stageStart = last;
    while (stageStart >= firstFrom && !(instructions[stageStart] instanceof From)) {
      stageStart--;
    }
    for (let index = 0; index <= last; index++) {
      const instruction = instructions[index];
      if (index < firstFrom || index >= stageStart || instruction instanceof From) {
        this.visit(instruction);
      }
    }
    this.occurrences.sort((a, b) => comparePositions(a.range.start, b.range.start));
  }

  private visit(instruction: Instruction): void {
    if (instruction instanceof From) {
      this.openStage(instruction);
    } else {
      this.referenceVariables(instruction, this.scopeVariables);
      this.declareVariables(instruction);
      this.referenceStageFlags(instruction);
    }
  }

  private openStage(from: From): void {
    // FROM lines see only the global ARGs.
    this.referenceVariables(from, this.globalVariables);
    const image = from.getImageName();
    const imageRange = from.getImageNameRange();
    if (image && imageRange && this.symbols.has(stageKey(image))) {
      this.add('stage', stageKey(image), image, imageRange, false);
    }
    const stage: StageFact = { index: this.stages.length, from };
    const name = from.getBuildStage();
    const nameRange = from.getBuildStageRange();
    if (name && nameRange) {
      stage.name = name;
      stage.nameRange = nameRange;
      this.add('stage', stageKey(name), name, nameRange, true);
    }
    this.stages.push(stage);
    this.scope = `stage${stage.index}`;
    this.scopeVariables = new Map();
  }

  private declareVariables(instruction: Instruction): void {
    if (instruction instanceof Arg) {
      const property = instruction.getProperty();
      if (property) {
        const name = property.getName();
        const inherited = this.scope !== GLOBAL_SCOPE && property.getValue() === null && this.globalVariables.get(name);
        const key = inherited || this.scopeVariables.get(name) || variableKey(this.scope, name);
        this.add('variable', key, name, property.getNameRange(), true);
        this.scopeVariables.set(name, key);
        if (this.scope === GLOBAL_SCOPE) {
          this.globalVariables.set(name, key);
        }
      }
    } else if (instruction instanceof Env) {
      for (const property of instruction.getProperties()) {
        const name = property.getName();
        const key = this.scopeVariables.get(name) || variableKey(this.scope, name);
        this.add('variable', key, name, property.getNameRange(), true);
        this.scopeVariables.set(name, key);
      }
    }
  }

  private referenceVariables(instruction: Instruction, visible: Map<string, string>): void {
    // dockerfile-ast lists some variables of a malformed instruction twice: a rename would then carry overlapping
    // edits, which editors refuse.
    const seen = new Set<string>();
    for (const variable of instruction.getVariables()) {
      const { start } = variable.getNameRange();
      const at = `${start.line}:${start.character}`;
      if (seen.has(at)) {
        continue;
      }
      seen.add(at);
      const name = variable.getName();
      const key = visible.get(name);
      if (key) {
        this.add('variable', key, name, variable.getNameRange(), false);
      }
    }
  }

  /** `COPY --from=stage`, `ADD --from=stage` (not a real flag of ADD, but harmless) and `RUN --mount=from=stage`. */
  private referenceStageFlags(instruction: Instruction): void {
    if (!(instruction instanceof ModifiableInstruction)) {
      return;
    }
    for (const flag of instruction.getFlags()) {
      if (flag.getName() === 'from') {
        this.referenceStage(flag.getValue(), flag.getValueRange());
      } else if (flag.getName() === 'mount') {
        const option = flag.getOption('from');
        if (option) {
          this.referenceStage(option.getValue(), option.getValueRange());
        }
      }
    }
  }

  private referenceStage(name: string | null, range: Range | null): void {
    if (name && range && this.symbols.has(stageKey(name))) {
      this.add('stage', stageKey(name), name, range, false);
    }
  }
}

export function collectFacts(dockerfile: Dockerfile): DocumentFacts {
  const collector = new FactCollector();
  collector.collect(dockerfile.getInstructions());
  return { stages: collector.stages, symbols: collector.symbols, occurrences: collector.occurrences };
}

/**
 * The facts of a document as far as `instructions[last]`: every stage opened up to there, and every occurrence in
 * the global section and in `last`'s stage up to `last`, each with the same key, kind and name as in the whole
 * document's facts (a symbol is visible only after its declaration). What a hover needs, without reading the
 * variables of every instruction of a long file that was just edited.
 */
export function collectFactsThrough(instructions: readonly Instruction[], last: number): DocumentFacts {
  const collector = new FactCollector();
  collector.collectThrough(instructions, last);
  return { stages: collector.stages, symbols: collector.symbols, occurrences: collector.occurrences };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** The occurrence under `position`, found by binary search over the sorted occurrences. */
export function occurrenceAt(facts: DocumentFacts, position: Position): Occurrence | undefined {
  const list = facts.occurrences;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (comparePositions(list[middle].range.start, position) <= 0) {
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  // list[high] is the last occurrence starting at or before position.
  const candidate = list[high];
  return candidate && rangeContains(candidate.range, position) ? candidate : undefined;
}
