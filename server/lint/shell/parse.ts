/**
 * Parses a RUN script with a real shell parser (mvdan-sh: the Go `mvdan.cc/sh` parser compiled to JavaScript;
 * POSIX and bash syntax, heredocs, quoting, subshells) into the commands the shell-level rules look at.
 * Heredoc bodies that are themselves scripts (`RUN <<EOF`, `bash <<EOF`) are parsed too.
 */
import * as sh from 'mvdan-sh';
import { byteSpan, child, children, goString, goType, unwrap, type GoValue } from './goNodes';
import type { ShellSource } from './source';

export interface ShellWord {
  /** The word's value once quotes are removed; undefined when it depends on expansions. */
  value: string | undefined;
  /** The word exactly as written in the script. */
  raw: string;
  /** Dockerfile offsets. */
  start: number;
  end: number;
}

export interface ShellCommand {
  name: string;
  /** The arguments after the command name. */
  args: ShellWord[];
  /** The command name followed by its arguments. */
  words: ShellWord[];
  start: number;
  end: number;
}

export interface ShellPipe {
  start: number;
  end: number;
  /** The name of the command writing into the pipe, when the left side is a simple command. */
  producer: string | undefined;
}

export interface ShellScript {
  /** False when the script does not parse; rules then stay silent (ShellCheck reports the syntax error). */
  parsed: boolean;
  /** Every simple command, in source order, including those in subshells, command substitutions and heredoc scripts. */
  commands: ShellCommand[];
  /** Each pipe operator `|` or `|&` (Dockerfile offsets) and the simple command on its left, when it is one. */
  pipes: ShellPipe[];
  /** Heredoc bodies the shell runs as scripts (`RUN <<EOF`, `bash <<EOF`), for tools that need the script itself. */
  heredocScripts: ShellSource[];
  /** True when the RUN is nothing but a heredoc script (`RUN <<EOF`): the builder runs the body. */
  onlyHeredocScript: boolean;
}

const OP_PIPE = 12;
const OP_PIPE_ALL = 13;
const SHELLS_READING_STDIN = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
/** Fields holding statement lists, and single statements, across the compound commands. */
const STATEMENT_LISTS = ['Stmts', 'Cond', 'Then', 'Do'];
const STATEMENT_FIELDS = ['X', 'Y', 'Body', 'Stmt'];

const parser = sh.syntax.NewParser(sh.syntax.KeepComments(false), sh.syntax.Variant(sh.syntax.LangBash));

/**
 * Parses of recent scripts, by script text, with offsets relative to the script: while a document is edited,
 * only the RUN being typed in is parsed again.
 */
let recent = new Map<string, ShellScript>();
let older = new Map<string, ShellScript>();
const GENERATION_SIZE = 16_384;

export function parseShell(source: ShellSource): ShellScript {
  let relative = recent.get(source.script) ?? older.get(source.script);
  if (!relative) {
    relative = { parsed: true, commands: [], pipes: [], heredocScripts: [], onlyHeredocScript: false };
    // A plain loop: Array.from({ length }, fn) walks a generic iterable and was the engine's hottest line.
    const identity = new Array<number>(source.script.length + 1);
    for (let index = 0; index <= source.script.length; index++) {
      identity[index] = index;
    }
    collect({ script: source.script, offsets: identity }, relative, 0);
    relative.commands.sort((a, b) => a.start - b.start);
  }
  if (recent.size >= GENERATION_SIZE) {
    older = recent;
    recent = new Map();
  }
  recent.set(source.script, relative);
  return toDocument(relative, source.offsets);
}

function toDocument(relative: ShellScript, offsets: number[]): ShellScript {
  const at = (index: number) => offsets[Math.min(index, offsets.length - 1)];
  const word = (item: ShellWord): ShellWord => ({ ...item, start: at(item.start), end: at(item.end) });
  return {
    parsed: relative.parsed,
    onlyHeredocScript: relative.onlyHeredocScript,
    commands: relative.commands.map((command) => {
      const words = command.words.map(word);
      return { name: command.name, words, args: words.slice(1), start: at(command.start), end: at(command.end) };
    }),
    pipes: relative.pipes.map((pipe) => ({ ...pipe, start: at(pipe.start), end: at(pipe.end) })),
    heredocScripts: relative.heredocScripts.map((body) => ({ script: body.script, offsets: body.offsets.map(at) })),
  };
}

class Walker {
  private readonly charOf: (byte: number) => number;
  readonly nested: ShellSource[] = [];

  constructor(
    private readonly source: ShellSource,
    private readonly into: ShellScript,
    private readonly depth: number,
  ) {
    this.charOf = byteToCharMapper(source.script);
  }

  private docOffset(byte: number): number {
    return this.source.offsets[Math.min(this.charOf(byte), this.source.offsets.length - 1)];
  }

  statements(list: GoValue[]): void {
    list.forEach((statement) => this.statement(statement));
  }

  statement(statement: GoValue): void {
    const command = child(statement, 'Cmd');
    const redirects = children(statement, 'Redirs');
    for (const redirect of redirects) {
      const word = child(redirect, 'Word');
      if (word) {
        this.word(word);
      }
    }
    if (this.depth < 2 && redirects.some((redirect) => child(redirect, 'Hdoc')) && this.runsHeredocAsScript(command)) {
      for (const redirect of redirects) {
        const heredoc = child(redirect, 'Hdoc');
        if (heredoc) {
          const [from, to] = byteSpan(heredoc).map((byte) => this.charOf(byte));
          const delimiter = child(redirect, 'Word');
          const body = withoutDelimiterLine(this.source.script.slice(from, to), delimiter ? this.literal(delimiter) ?? '' : '');
          this.nested.push({ script: body, offsets: this.source.offsets.slice(from, from + body.length + 1) });
        }
      }
    }
    if (command) {
      this.command(command);
    }
  }

  command(node: GoValue): void {
    const type = goType(node);
    if (type === '*syntax.CallExpr') {
      for (const assign of children(node, 'Assigns')) {
        const value = child(assign, 'Value');
        if (value) {
          this.word(value);
        }
      }
      const words = children(node, 'Args').map((word) => this.word(word));
      if (words.length > 0) {
        this.into.commands.push({ name: words[0].value ?? words[0].raw, args: words.slice(1), words, start: words[0].start, end: words[words.length - 1].end });
      }
      return;
    }
    if (type === '*syntax.BinaryCmd') {
      const op = node.Op as number;
      const left = child(node, 'X');
      const right = child(node, 'Y');
      if ((op === OP_PIPE || op === OP_PIPE_ALL) && left && right) {
        const leftCommand = child(left, 'Cmd');
        const leftWords = leftCommand && goType(leftCommand) === '*syntax.CallExpr' ? children(leftCommand, 'Args') : [];
        const producer = leftWords.length > 0 ? this.literal(leftWords[0]) : undefined;
        this.into.pipes.push({ start: this.docOffset(byteSpan(left)[1]), end: this.docOffset(byteSpan(right)[0]), producer });
      }
    }
    if (type === '*syntax.DeclClause') {
      for (const assign of children(node, 'Args')) {
        const value = child(assign, 'Value');
        if (value) {
          this.word(value);
        }
      }
    }
    for (const field of STATEMENT_LISTS) {
      this.statements(children(node, field));
    }
    for (const field of STATEMENT_FIELDS) {
      const statement = child(node, field);
      if (statement) {
        this.statement(statement);
      }
    }
    const otherwise = child(node, 'Else');
    if (otherwise) {
      this.command(otherwise);
    }
    for (const item of children(node, 'Items')) {
      this.statements(children(item, 'Stmts'));
    }
  }

  /** Reads a word, walking into command substitutions inside it. */
  word(node: GoValue): ShellWord {
    this.substitutions(children(node, 'Parts'));
    const [startByte, endByte] = byteSpan(node);
    return {
      value: this.literal(node),
      raw: this.source.script.slice(this.charOf(startByte), this.charOf(endByte)),
      start: this.docOffset(startByte),
      end: this.docOffset(endByte),
    };
  }

  private substitutions(parts: GoValue[]): void {
    for (const part of parts) {
      const type = goType(part);
      if (type === '*syntax.CmdSubst' || type === '*syntax.ProcSubst') {
        this.statements(children(part, 'Stmts'));
      } else if (type === '*syntax.DblQuoted') {
        this.substitutions(children(part, 'Parts'));
      }
    }
  }

  /** The value of a word without quotes; undefined when it holds an expansion. */
  literal(word: GoValue): string | undefined {
    return literalOf(children(word, 'Parts'));
  }

  /** `RUN <<EOF` (no command: the builder runs the body) or `bash <<EOF` (a shell reading its script from stdin). */
  private runsHeredocAsScript(command: GoValue | undefined): boolean {
    if (!command) {
      if (this.depth === 0) {
        this.into.onlyHeredocScript = true;
      }
      return true;
    }
    if (goType(command) !== '*syntax.CallExpr') {
      return false;
    }
    const args = children(command, 'Args').map((word) => this.literal(word));
    const base = args[0]?.split('/').pop() ?? '';
    return SHELLS_READING_STDIN.has(base) && !args.slice(1).some((arg) => arg?.startsWith('-c'));
  }
}

function collect(source: ShellSource, into: ShellScript, depth: number): void {
  let file: GoValue;
  try {
    file = unwrap(parser.Parse(source.script, ''));
  } catch {
    into.parsed = false;
    return;
  }
  const walker = new Walker(source, into, depth);
  walker.statements(children(file, 'Stmts'));
  for (const body of walker.nested) {
    if (depth === 0) {
      into.heredocScripts.push(body);
    }
    collect(body, into, depth + 1);
  }
}

function literalOf(parts: GoValue[]): string | undefined {
  let value = '';
  for (const part of parts) {
    const type = goType(part);
    if (type === '*syntax.Lit') {
      value += goString(part, 'Value').replace(/\\(.)/gs, (_match, char: string) => (char === '\n' ? '' : char));
    } else if (type === '*syntax.SglQuoted') {
      value += goString(part, 'Value');
    } else if (type === '*syntax.DblQuoted') {
      const inner = literalOf(children(part, 'Parts'));
      if (inner === undefined) {
        return undefined;
      }
      value += inner;
    } else {
      return undefined;
    }
  }
  return value;
}

/** The heredoc node spans the closing delimiter line too; the script is what comes before it. */
function withoutDelimiterLine(body: string, delimiter: string): string {
  const lastBreak = body.replace(/\n$/, '').lastIndexOf('\n');
  const lastLine = body.slice(lastBreak + 1).trim();
  return lastLine === delimiter ? body.slice(0, lastBreak + 1) : body;
}

/** mvdan-sh reports UTF-8 byte offsets; JavaScript strings index UTF-16 code units. */
function byteToCharMapper(script: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(script)) {
    return (byte) => byte;
  }
  const map: number[] = [];
  for (let index = 0; index < script.length; index++) {
    const code = script.codePointAt(index) ?? 0;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let i = 0; i < bytes; i++) {
      map.push(index);
    }
    if (code >= 0x10000) {
      index++;
    }
  }
  map.push(script.length);
  return (byte) => map[Math.min(byte, map.length - 1)];
}
