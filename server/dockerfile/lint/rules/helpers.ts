/** Small helpers shared by rules: option lookup on shell commands, edits, image references. */
import type { Instruction } from 'dockerfile-ast';
import type { TextEdit } from 'vscode-languageserver-types';
import type { LintContext, RunCommand } from '../context';
import type { ShellCommand, ShellWord } from '../shell/parse';
import type { QuickFix } from '../types';

/** True when a command carries one of the short option letters (also inside `-qy`) or long options (`--yes`, `--yes=…`). */
export function hasOption(command: ShellCommand, shortLetters: string, longNames: readonly string[] = []): boolean {
  for (const word of command.args) {
    const value = word.value;
    if (value === undefined) {
      continue;
    }
    if (value === '--') {
      return false;
    }
    if (value.startsWith('--')) {
      if (longNames.includes(value.split('=', 1)[0])) {
        return true;
      }
    } else if (value.startsWith('-') && value.length > 1 && [...value.slice(1)].some((letter) => shortLetters.includes(letter))) {
      return true;
    }
  }
  return false;
}

/** The first argument that is not an option: the subcommand of `apt-get install …`. */
export function subcommandOf(command: ShellCommand, optionsWithValue: readonly string[] = []): ShellWord | undefined {
  for (let i = 0; i < command.args.length; i++) {
    const value = command.args[i].value;
    if (value === undefined) {
      return undefined;
    }
    if (optionsWithValue.includes(value)) {
      i++;
      continue;
    }
    if (!value.startsWith('-')) {
      return command.args[i];
    }
  }
  return undefined;
}

/** The operands after the subcommand that are not options (the packages of `apt-get install -y a b`). */
export function operandsAfter(command: ShellCommand, subcommand: ShellWord, optionsWithValue: readonly string[] = []): ShellWord[] {
  const operands: ShellWord[] = [];
  const start = command.args.indexOf(subcommand) + 1;
  for (let i = start; i < command.args.length; i++) {
    const word = command.args[i];
    const text = word.value ?? word.raw;
    if (optionsWithValue.includes(text)) {
      i++;
    } else if (!text.startsWith('-')) {
      operands.push(word);
    }
  }
  return operands;
}

/** Commands `name subcommand …` (e.g. `apt-get install`). */
export function commandsWithSubcommand(
  context: LintContext,
  names: readonly string[],
  subcommands: readonly string[],
  optionsWithValue: readonly string[] = [],
): (RunCommand & { subcommand: ShellWord })[] {
  const found: (RunCommand & { subcommand: ShellWord })[] = [];
  for (const entry of context.runCommands(...names)) {
    const subcommand = subcommandOf(entry.command, optionsWithValue);
    if (subcommand?.value !== undefined && subcommands.includes(subcommand.value)) {
      found.push({ ...entry, subcommand });
    }
  }
  return found;
}

export function insertFix(context: LintContext, title: string, offset: number, text: string): QuickFix {
  const position = context.index.positionAt(offset);
  return { title, edits: [{ range: { start: position, end: position }, newText: text }] };
}

export function replaceFix(context: LintContext, title: string, start: number, end: number, text: string): QuickFix {
  const edit: TextEdit = { range: context.range(start, end), newText: text };
  return { title, edits: [edit] };
}

export function wordRange(context: LintContext, word: ShellWord) {
  return context.range(word.start, word.end);
}

export function commandRange(context: LintContext, command: ShellCommand) {
  return context.range(command.start, command.end);
}

/** The stage that a build-stage-relative reference points at, by name (case-insensitive) or index. */
export function stageNames(context: LintContext, before?: Instruction): Set<string> {
  const line = before?.getRange().start.line ?? Number.MAX_SAFE_INTEGER;
  return new Set(
    context.stages
      .filter((stage) => stage.from.getRange().start.line < line && stage.name)
      .map((stage) => stage.name!.toLowerCase()),
  );
}

/** Whether an image reference is a variable we cannot resolve statically. */
export function isDynamic(reference: string): boolean {
  return reference.includes('$');
}

/** Splits `registry/name:tag@digest` the way Docker does (a first component with `.`/`:` or `localhost` is a registry). */
export function parseImageReference(reference: string): { registry: string; name: string; tag?: string; digest?: string } {
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    return { registry: first, name: rest.slice(slash + 1), tag, digest };
  }
  return { registry: 'docker.io', name: rest, tag, digest };
}
