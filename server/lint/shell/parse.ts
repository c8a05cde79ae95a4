/**
 * Parses a RUN script with a real shell parser (mvdan-sh: the Go `mvdan.cc/sh` parser compiled to JavaScript;
 * POSIX and bash syntax, heredocs, quoting, subshells) into the commands the shell-level rules look at.
 * Heredoc bodies that are themselves scripts (`RUN <<EOF`, `bash <<EOF`) are parsed too.
 */
import * as sh from 'mvdan-sh';
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

export interface ShellScript {
  /** False when the script does not parse; rules then stay silent (ShellCheck reports the syntax error). */
  parsed: boolean;
  /** Every simple command, in source order, including those in subshells, command substitutions and heredoc scripts. */
  commands: ShellCommand[];
  /** Dockerfile offsets of each pipe operator `|` or `|&`. */
  pipes: { start: number; end: number }[];
}

const OP_PIPE = 12;
const OP_PIPE_ALL = 13;
const SHELLS_READING_STDIN = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

const parser = sh.syntax.NewParser(sh.syntax.KeepComments(false), sh.syntax.Variant(sh.syntax.LangBash));

export function parseShell(source: ShellSource): ShellScript {
  const script: ShellScript = { parsed: true, commands: [], pipes: [] };
  collect(source, script, 0);
  return script;
}

function collect(source: ShellSource, into: ShellScript, depth: number): void {
  let file: sh.File;
  try {
    file = parser.Parse(source.script, '');
  } catch {
    into.parsed = false;
    return;
  }
  const charOf = byteToCharMapper(source.script);
  const docOffset = (byte: number): number => source.offsets[Math.min(charOf(byte), source.offsets.length - 1)];
  const word = (node: sh.Word): ShellWord => {
    const startChar = charOf(node.Pos().Offset());
    const endChar = charOf(node.End().Offset());
    return {
      value: literalValue(node.Parts),
      raw: source.script.slice(startChar, endChar),
      start: docOffset(node.Pos().Offset()),
      end: docOffset(node.End().Offset()),
    };
  };
  const nested: ShellSource[] = [];
  sh.syntax.Walk(file, (node) => {
    if (!node) {
      return true;
    }
    const type = sh.syntax.NodeType(node);
    if (type === 'CallExpr') {
      const call = node as sh.CallExpr;
      if (call.Args.length > 0) {
        const words = call.Args.map(word);
        into.commands.push({
          name: words[0].value ?? words[0].raw,
          args: words.slice(1),
          words,
          start: words[0].start,
          end: words[words.length - 1].end,
        });
      }
    } else if (type === 'BinaryCmd') {
      const binary = node as sh.BinaryCmd;
      if (binary.Op === OP_PIPE || binary.Op === OP_PIPE_ALL) {
        const between = docOffset(binary.X.End().Offset());
        into.pipes.push({ start: between, end: docOffset(binary.Y.Pos().Offset()) });
      }
    } else if (type === 'Stmt' && depth < 2) {
      const statement = node as sh.Stmt;
      if (runsHeredocAsScript(statement)) {
        for (const redirect of statement.Redirs) {
          if (redirect.Hdoc) {
            const from = charOf(redirect.Hdoc.Pos().Offset());
            const to = charOf(redirect.Hdoc.End().Offset());
            const body = withoutDelimiterLine(source.script.slice(from, to), redirect.Word?.Lit() ?? '');
            nested.push({ script: body, offsets: source.offsets.slice(from, from + body.length + 1) });
          }
        }
      }
    }
    return true;
  });
  for (const body of nested) {
    collect(body, into, depth + 1);
  }
  into.commands.sort((a, b) => a.start - b.start);
}

/** The heredoc node spans the closing delimiter line too; the script is what comes before it. */
function withoutDelimiterLine(body: string, delimiter: string): string {
  const lastBreak = body.replace(/\n$/, '').lastIndexOf('\n');
  const lastLine = body.slice(lastBreak + 1).trim();
  return lastLine === delimiter.replace(/^['"]|['"]$/g, '') ? body.slice(0, lastBreak + 1) : body;
}

/** `RUN <<EOF` (no command: the builder runs the body) or `bash <<EOF` (a shell reading its script from stdin). */
function runsHeredocAsScript(statement: sh.Stmt): boolean {
  if (!statement.Redirs.some((redirect) => redirect.Hdoc)) {
    return false;
  }
  if (!statement.Cmd) {
    return true;
  }
  if (sh.syntax.NodeType(statement.Cmd) !== 'CallExpr') {
    return false;
  }
  const args = (statement.Cmd as sh.CallExpr).Args;
  const name = args[0] ? literalValue(args[0].Parts) : undefined;
  const base = name?.split('/').pop() ?? '';
  return SHELLS_READING_STDIN.has(base) && !args.slice(1).some((arg) => literalValue(arg.Parts)?.startsWith('-c'));
}

function literalValue(parts: sh.WordPart[]): string | undefined {
  let value = '';
  for (const part of parts) {
    const type = sh.syntax.NodeType(part);
    if (type === 'Lit') {
      value += (part.Value ?? '').replace(/\\(.)/gs, (_match, char: string) => (char === '\n' ? '' : char));
    } else if (type === 'SglQuoted') {
      value += part.Value ?? '';
    } else if (type === 'DblQuoted') {
      const inner = literalValue(part.Parts ?? []);
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
