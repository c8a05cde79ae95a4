/**
 * Everything rules read, computed once per lint: the parse, positions, stages, and each RUN's shell script
 * (joined and parsed lazily, once, whichever rules ask).
 */
import type { Dockerfile, From, Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { parseShell, type ShellCommand, type ShellParseCache, type ShellScript } from './shell/parse';
import { shellSourceOf, type ShellSource } from './shell/source';
import { TextIndex } from './textIndex';
import type { LintSettings } from './types';

export interface Stage {
  index: number;
  from: From;
  /** The name after `AS`, as written. */
  name: string | undefined;
  instructions: Instruction[];
}

export interface RunScript {
  instruction: Instruction;
  stage: Stage | undefined;
  source: ShellSource;
  shell: ShellScript;
  /** The SHELL in force, as its JSON array (`["/bin/sh", "-c"]` by default). */
  shellCommand: string[];
}

export interface RunCommand {
  run: RunScript;
  command: ShellCommand;
}

export const DEFAULT_SHELL = ['/bin/sh', '-c'];
export const WINDOWS_SHELL = ['cmd', '/S', '/C'];

export class LintContext {
  readonly index: TextIndex;
  readonly escape: string;
  readonly instructions: Instruction[];
  readonly stages: Stage[];
  private scripts: RunScript[] | undefined;
  /** Every command of every RUN in order, and where each command name (basename) occurs in that list. */
  private commandIndex: { all: RunCommand[]; byName: Map<string, number[]> } | undefined;
  /** The stage of each instruction in `instructions`. */
  private readonly stageByInstruction = new Map<Instruction, Stage | undefined>();
  /** `# hadolint shell=powershell` (or `# dockside shell=...`): the shell of stages whose base image sets it. */
  private readonly shellPragma: string[] | undefined;

  constructor(
    readonly text: string,
    readonly dockerfile: Dockerfile,
    readonly settings: LintSettings,
    readonly dockerignore: readonly string[] | undefined,
    /** Where RUN scripts' parses are looked up and kept (the linter's shared cache when undefined). */
    private readonly shellParses?: ShellParseCache,
  ) {
    this.index = new TextIndex(text);
    this.escape = dockerfile.getEscapeCharacter();
    this.instructions = dockerfile.getInstructions();
    const pragma = /^[ \t]*#[ \t]*(?:hadolint|dockside)[ \t]+shell[ \t]*=[ \t]*(\S+)/m.exec(text);
    this.shellPragma = pragma ? [pragma[1]] : undefined;
    this.stages = [];
    for (const instruction of this.instructions) {
      if (instruction.getKeyword() === 'FROM') {
        const from = instruction as From;
        this.stages.push({ index: this.stages.length, from, name: from.getBuildStage() ?? undefined, instructions: [] });
      }
      const stage = this.stages.at(-1);
      stage?.instructions.push(instruction);
      this.stageByInstruction.set(instruction, stage);
    }
  }

  /** Instructions with one keyword, in order. */
  instructionsNamed(keyword: string): Instruction[] {
    return this.instructions.filter((instruction) => instruction.getKeyword() === keyword);
  }

  stageOf(instruction: Instruction): Stage | undefined {
    if (this.stageByInstruction.has(instruction)) {
      return this.stageByInstruction.get(instruction);
    }
    const line = instruction.getRange().start.line;
    let found: Stage | undefined;
    for (const stage of this.stages) {
      if (stage.from.getRange().start.line <= line) {
        found = stage;
      }
    }
    return found;
  }

  /** Every shell-form RUN with its parsed script. */
  runScripts(): RunScript[] {
    if (!this.scripts) {
      this.scripts = [];
      let shellCommand = DEFAULT_SHELL;
      const stageShells = new Map<string, string[]>();
      let stage: Stage | undefined;
      for (const instruction of this.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'FROM') {
          if (stage?.name) {
            stageShells.set(stage.name.toLowerCase(), shellCommand);
          }
          stage = this.stageOf(instruction);
          shellCommand = initialShell(stage?.from.getImage() ?? '', stageShells, this.shellPragma);
        } else if (keyword === 'SHELL') {
          shellCommand = parseJsonArray(instruction.getArgumentsContent() ?? '') ?? shellCommand;
        } else if (keyword === 'RUN') {
          const source = shellSourceOf(instruction, this.index, this.escape);
          if (source && isPosixShell(shellCommand)) {
            this.scripts.push({ instruction, stage, source, shell: parseShell(source, this.shellParses), shellCommand });
          }
        }
      }
    }
    return this.scripts;
  }

  /** Every simple command run by a RUN, optionally only those with one of the given names (basename match). */
  runCommands(...names: string[]): RunCommand[] {
    const { all, byName } = this.commands();
    if (names.length === 0) {
      return all.slice();
    }
    const positions = new Set<number>();
    for (const name of names) {
      byName.get(name)?.forEach((position) => positions.add(position));
    }
    return [...positions].sort((a, b) => a - b).map((position) => all[position]);
  }

  private commands(): { all: RunCommand[]; byName: Map<string, number[]> } {
    if (!this.commandIndex) {
      const all: RunCommand[] = [];
      const byName = new Map<string, number[]>();
      for (const run of this.runScripts()) {
        for (const command of run.shell.commands) {
          const name = baseName(command.name);
          let positions = byName.get(name);
          if (!positions) {
            positions = [];
            byName.set(name, positions);
          }
          positions.push(all.length);
          all.push({ run, command });
        }
      }
      this.commandIndex = { all, byName };
    }
    return this.commandIndex;
  }

  range(start: number, end: number): Range {
    return this.index.rangeOf(start, end);
  }

  /** The keyword's range of an instruction: where instruction-level findings are shown. */
  keywordRange(instruction: Instruction): Range {
    return instruction.getInstructionRange();
  }

  lastStage(): Stage | undefined {
    return this.stages.at(-1);
  }

  /** The stages a stage is built on within this file (`FROM build`), nearest first, the stage itself included. */
  stageChain(stage: Stage): Stage[] {
    const chain = [stage];
    for (let current = stage; ; ) {
      const image = current.from.getImage()?.toLowerCase();
      const base = this.stages.find((other) => other.index < current.index && other.name?.toLowerCase() === image);
      if (!base) {
        return chain;
      }
      chain.push(base);
      current = base;
    }
  }
}

/** A stage starts with the shell of the stage it builds on, `cmd` on Windows images, else `/bin/sh -c`. */
function initialShell(image: string, stageShells: ReadonlyMap<string, string[]>, pragma: string[] | undefined): string[] {
  const inherited = stageShells.get(image.toLowerCase());
  if (inherited) {
    return inherited;
  }
  if (pragma) {
    return pragma;
  }
  return /(^|\/)(windows|nanoserver|servercore|windowsservercore)([/:@-]|$)/i.test(image) ? WINDOWS_SHELL : DEFAULT_SHELL;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function parseJsonArray(text: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Shell-level rules only understand POSIX-family shells; `pwsh` or `cmd` scripts are left alone. */
export function isPosixShell(shellCommand: readonly string[]): boolean {
  const name = baseName(shellCommand[0] ?? '/bin/sh').toLowerCase();
  return ['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox'].includes(name);
}
