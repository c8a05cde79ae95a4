/**
 * Parses a RUN script with a real shell parser into the commands the shell-level rules look at. Heredoc bodies
 * that are themselves scripts (`RUN <<EOF`, `bash <<EOF`) are parsed too.
 *
 * The parser is tree-sitter-bash in web-tree-sitter (both MIT, maintained by the tree-sitter project), chosen
 * over the corpus's 1,722 RUN scripts, parsed in one process (medians of three runs on a loaded machine):
 * - mvdan-sh (Go's mvdan.cc/sh compiled to JavaScript by GopherJS; deprecated upstream): 1.3 s cold, 0.7 s
 *   warm, resident memory +50 to +100 MB, 1.2 MB of the minified server bundle;
 * - sh-syntax (the same Go parser in WebAssembly): asynchronous on every call and instantiating its module
 *   each time, ~13 s in all, which a synchronous linter cannot use;
 * - tree-sitter-bash: 0.33 s cold, 0.27 s warm (with a full walk of each tree), +11 MB, synchronous once its
 *   1.5 MB of WebAssembly is loaded (`bashParser.ts`).
 * Its grammar is made for editors and recovers from errors, so any error or missing token in a tree makes the
 * script unparsed (`parsed: false`, as a syntax error did before), and where it reads valid bash differently
 * from bash the walker follows bash: a script opening with a heredoc (`RUN <<EOF`, `leadingHeredoc.ts`),
 * `! { …; }`, a word split after a `$`, words after a redirect's target, `time`, `[`, a pipe after a heredoc, and
 * it rejects two heredocs on one line (`extraHeredocs.ts`).
 */
import { withExtraHeredocsBlanked } from './extraHeredocs';
import { withLeadingHeredocsMoved } from './leadingHeredoc';
import { OffsetMap } from './offsetMap';
import { ShellParseCache } from './parseCache';
import type { ShellSource } from './source';
import { syntaxTree, type SyntaxNode } from './syntaxTree';

export { RecentShellParses, ShellParseCache } from './parseCache';

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


const SHELLS_READING_STDIN = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
const PIPE_OPERATORS = new Set(['|', '|&']);
const TEST_EXPRESSIONS = new Set(['unary_expression', 'binary_expression', 'parenthesized_expression', 'ternary_expression', 'postfix_expression']);

const sharedParses = new ShellParseCache(16_384);

/** Later heredoc scripts of one script parsed at most (real RUNs have one or two; garbage may hold thousands). */
const MAX_LATER_HEREDOC_SCRIPTS = 8;

export function parseShell(source: ShellSource, cache: ShellParseCache = sharedParses): ShellScript {
  let relative = cache.get(source.script);
  if (!relative) {
    relative = { parsed: true, commands: [], pipes: [], heredocScripts: [], onlyHeredocScript: false };
    collect({ script: source.script, offsets: OffsetMap.shifted(source.script.length, 0) }, relative, 0);
    relative.commands.sort((a, b) => a.start - b.start);
    cache.set(source.script, relative);
  }
  return toDocument(relative, source.offsets);
}

function toDocument(relative: ShellScript, offsets: OffsetMap): ShellScript {
  const at = (index: number) => offsets.at(index);
  const word = (item: ShellWord): ShellWord => ({ ...item, start: at(item.start), end: at(item.end) });
  return {
    parsed: relative.parsed,
    onlyHeredocScript: relative.onlyHeredocScript,
    commands: relative.commands.map((command) => {
      const words = command.words.map(word);
      return { name: command.name, words, args: words.slice(1), start: at(command.start), end: at(command.end) };
    }),
    pipes: relative.pipes.map((pipe) => ({ ...pipe, start: at(pipe.start), end: at(pipe.end) })),
    heredocScripts: relative.heredocScripts.map((body) => ({ script: body.script, offsets: body.offsets.through(offsets) })),
  };
}

function collect(original: ShellSource, into: ShellScript, depth: number): void {
  const prepared = withLeadingHeredocsMoved(original);
  const placeholderAt = prepared.placeholderAt;
  let source = prepared.source;
  let tree = syntaxTree(source.script);
  let laterScripts: ShellSource[] = [];
  if (!tree) {
    // A line with two heredocs: read again with one (see extraHeredocs.ts).
    const blanked = withExtraHeredocsBlanked(source);
    tree = blanked && syntaxTree(blanked.source.script);
    source = blanked?.source ?? source;
    laterScripts = (blanked?.laterHeredocs ?? [])
      .filter(({ commandWords }) => readsScriptFromStdin(commandWords))
      .slice(0, MAX_LATER_HEREDOC_SCRIPTS)
      .map(({ body }) => body);
  }
  if (!tree) {
    into.parsed = false;
    return;
  }
  const walker = new Walker(source, into, depth, placeholderAt);
  walker.node(tree);
  for (const body of [...walker.nested, ...(depth < 2 ? laterScripts : [])]) {
    if (depth === 0) {
      into.heredocScripts.push(body);
    }
    collect(body, into, depth + 1);
  }
}

/** `bash -ex`, `sh`, `/bin/sh -s`: a shell reading its script from standard input (not `sh -c '…'`). */
function readsScriptFromStdin(words: readonly string[]): boolean {
  const command = words.filter((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
  return SHELLS_READING_STDIN.has(command[0]?.split('/').pop() ?? '') && !command.slice(1).some((word) => word.startsWith('-c'));
}

/** The left side of a pipe that tree-sitter-bash puts inside a heredoc redirect (`cat <<EOF | sh`). */
interface PipeSource {
  end: number;
  producer: string | undefined;
}

class Walker {
  readonly nested: ShellSource[] = [];
  /** Words tree-sitter-bash hangs on a statement's redirect (`a && echo >&2 "error"`), by the command they belong to. */
  private readonly wordsAfterRedirects = new Map<SyntaxNode, SyntaxNode[]>();

  constructor(
    private readonly source: ShellSource,
    private readonly into: ShellScript,
    private readonly depth: number,
    /** Where the `:` put in front of a leading heredoc is, when there is one. */
    private readonly placeholderAt: number | undefined,
  ) {}

  node(node: SyntaxNode, pipeSource?: PipeSource): void {
    switch (node.type) {
      case 'command':
      case 'unset_command':
        this.command(node);
        return;
      case 'test_command':
        if (node.children[0]?.type === '[') {
          this.command(node);
          return;
        }
        break;
      case 'redirected_statement':
        this.redirected(node);
        return;
      case 'pipeline':
        this.pipeline(node, pipeSource);
        return;
      case 'heredoc_body':
      case 'comment':
        return;
    }
    for (const child of node.children) {
      this.node(child);
    }
  }

  private command(node: SyntaxNode): void {
    for (const child of node.children) {
      this.node(child);
    }
    if (this.isPlaceholder(node)) {
      return;
    }
    const words = [...commandWords(node, this.source.script), ...(this.wordsAfterRedirects.get(node) ?? [])].map((word) => this.word(word));
    if (words.length > 0) {
      this.into.commands.push({ name: words[0].value ?? words[0].raw, args: words.slice(1), words, start: words[0].start, end: words[words.length - 1].end });
    }
  }

  private redirected(node: SyntaxNode): void {
    const body = bodyOf(node);
    const redirects = node.children.filter((child) => child !== body);
    const extra = redirects.flatMap((redirect) => (redirect.type === 'file_redirect' ? wordsAfterRedirect(redirect) : []));
    const last = rightmostCommand(body);
    if (last && extra.length > 0) {
      this.wordsAfterRedirects.set(last, extra);
    }
    if (body) {
      this.node(body);
    }
    const command = body?.type === 'command' && !this.isPlaceholder(body) ? body : undefined;
    for (const redirect of redirects) {
      if (redirect.type !== 'heredoc_redirect') {
        this.node(redirect);
        continue;
      }
      if (this.depth < 2 && this.runsHeredocAsScript(body, command)) {
        this.heredocScript(redirect);
      }
      let previousEnd = redirect.start;
      for (const child of redirect.children) {
        this.node(child, { end: previousEnd, producer: command ? producerOf(command, this.source.script) : undefined });
        if (child.type !== 'heredoc_body' && child.type !== 'heredoc_end') {
          previousEnd = child.end;
        }
      }
    }
  }

  /** Each `|` and the command on its left; a pipe opening the pipeline continues a heredoc's command. */
  private pipeline(node: SyntaxNode, pipeSource: PipeSource | undefined): void {
    const children = node.children.filter((child) => child.type !== 'comment');
    children.forEach((child, index) => {
      if (child.named) {
        this.node(child);
        return;
      }
      if (!PIPE_OPERATORS.has(child.type)) {
        return;
      }
      const left = index > 0 ? children[index - 1] : undefined;
      const right = children.slice(index + 1).find((next) => next.named);
      if (!right) {
        return;
      }
      const from = left?.named ? { end: left.end, producer: producerOf(left, this.source.script) } : pipeSource;
      if (from) {
        this.into.pipes.push({ start: this.source.offsets.at(from.end), end: this.source.offsets.at(right.start), producer: from.producer });
      }
    });
  }

  private heredocScript(redirect: SyntaxNode): void {
    const script = this.source.script;
    const body = redirect.children.find((child) => child.type === 'heredoc_body');
    const end = redirect.children.find((child) => child.type === 'heredoc_end');
    const bodyStart = body ?? end;
    if (!bodyStart) {
      return;
    }
    const from = lineStart(script, bodyStart.start);
    const to = end ? lineStart(script, end.start) : (body?.end ?? from);
    const text = script.slice(from, Math.max(from, to));
    this.nested.push({ script: text, offsets: this.source.offsets.slice(from, from + text.length) });
  }

  /** `RUN <<EOF` (no command: the builder runs the body) or `bash <<EOF` (a shell reading its script from stdin). */
  private runsHeredocAsScript(body: SyntaxNode | undefined, command: SyntaxNode | undefined): boolean {
    if (!command) {
      if (body && !this.isPlaceholder(body)) {
        return false;
      }
      if (this.depth === 0) {
        this.into.onlyHeredocScript = true;
      }
      return true;
    }
    const args = commandWords(command, this.source.script).map((word) => literal(word, this.source.script));
    const base = args[0]?.split('/').pop() ?? '';
    return SHELLS_READING_STDIN.has(base) && !args.slice(1).some((arg) => arg?.startsWith('-c'));
  }

  private isPlaceholder(node: SyntaxNode): boolean {
    return node.start === this.placeholderAt && node.type === 'command';
  }

  private word(node: SyntaxNode): ShellWord {
    return {
      value: literal(node, this.source.script),
      raw: this.source.script.slice(node.start, node.end),
      start: this.source.offsets.at(node.start),
      end: this.source.offsets.at(node.end),
    };
  }
}

/**
 * The command name and its arguments. Where tree-sitter-bash and bash disagree, bash wins: a leading `time`
 * (with `-p`) is a keyword, not the command; `! { a; }` is a negated group, not a command named `{` and one
 * named `}`; and one word split in two (`x-$v-y` after a `$` it took for a literal) is one word.
 */
function commandWords(command: SyntaxNode, script: string): SyntaxNode[] {
  if (command.type === 'test_command') {
    return testWords(command);
  }
  const words: SyntaxNode[] = [];
  const add = (word: SyntaxNode) => {
    const previous = words[words.length - 1];
    if (previous && previous.end === word.start) {
      words[words.length - 1] = joined(previous, word);
    } else {
      words.push(word);
    }
  };
  for (const child of command.children) {
    if (child.field === 'name' || child.field === 'argument' || (command.type === 'unset_command' && (child.named || words.length === 0))) {
      add(child.type === 'command_name' ? (child.children[0] ?? child) : child);
    } else if (child.type === 'file_redirect') {
      wordsAfterRedirect(child).forEach(add);
    }
  }
  const first = words.length > 0 ? script.slice(words[0].start, words[0].end) : '';
  if (first === '{' || (first === '}' && words.length === 1)) {
    return words.slice(1);
  }
  if (words.length > 1 && literal(words[0], script) === 'time') {
    return words.slice(literal(words[1], script) === '-p' && words.length > 2 ? 2 : 1);
  }
  return words;
}

/** tree-sitter-bash reads the words after a redirect's target as more targets (`echo >&2 "error"`): they are arguments. */
function wordsAfterRedirect(redirect: SyntaxNode): SyntaxNode[] {
  return redirect.children.filter((child) => child.field === 'destination').slice(1);
}

function joined(left: SyntaxNode, right: SyntaxNode): SyntaxNode {
  const parts = (node: SyntaxNode) => (node.type === 'concatenation' ? node.children : [node]);
  return { type: 'concatenation', named: true, field: left.field, start: left.start, end: right.end, children: [...parts(left), ...parts(right)] };
}

/** `[ -f "$a" ]` is the command `[` (tree-sitter-bash parses its expression): its words are the expression's leaves. */
function testWords(node: SyntaxNode): SyntaxNode[] {
  return node.children.flatMap((child) => (TEST_EXPRESSIONS.has(child.type) ? testWords(child) : [child]));
}

/** The statement a redirected statement redirects (not always marked as its `body`: `! a 2>&1`). */
function bodyOf(redirected: SyntaxNode): SyntaxNode | undefined {
  return redirected.children.find((child) => child.field === 'body') ?? redirected.children.find((child) => child.named && !child.type.endsWith('_redirect'));
}

/**
 * The simple command at the right end of a statement: the one a redirect after it belongs to (`a && b >f`
 * redirects `b`), or the one writing into a pipe after it. tree-sitter-bash sometimes nests a list under a
 * redirect or a pipe (`x && ! a 2>&1 | b`), so lists, pipelines, negations and redirections are all looked into.
 */
function rightmostCommand(node: SyntaxNode | undefined): SyntaxNode | undefined {
  switch (node?.type) {
    case 'command':
      return node;
    case 'redirected_statement':
      return rightmostCommand(bodyOf(node));
    case 'negated_command':
    case 'list':
    case 'pipeline':
      return rightmostCommand(node.children.filter((child) => child.named && child.type !== 'comment').pop());
    default:
      return undefined;
  }
}

function producerOf(node: SyntaxNode, script: string): string | undefined {
  const command = rightmostCommand(node);
  const first = command && commandWords(command, script)[0];
  return first ? literal(first, script) : undefined;
}

/** The value of a word once quotes and escapes are removed; undefined when it holds an expansion. */
function literal(node: SyntaxNode | undefined, script: string): string | undefined {
  if (!node) {
    return undefined;
  }
  switch (node.type) {
    case 'word':
    case 'number':
    case 'variable_name':
    case 'test_operator':
      return unescape(script.slice(node.start, node.end));
    case 'raw_string':
      return script.slice(node.start + 1, node.end - 1);
    case 'ansi_c_string':
      return script.slice(node.start + 2, node.end - 1);
    case 'string':
    case 'translated_string':
      return node.children.every((child) => !child.named || child.type === 'string_content')
        ? unescape(script.slice(node.start + (node.type === 'string' ? 1 : 2), node.end - 1))
        : undefined;
    case 'concatenation': {
      let value = '';
      let position = node.start;
      for (const [index, child] of node.children.entries()) {
        if (child.type === '$' && index < node.children.length - 1) {
          return undefined;
        }
        value += unescape(script.slice(position, child.start));
        const part = child.named ? literal(child, script) : script.slice(child.start, child.end);
        if (part === undefined) {
          return undefined;
        }
        value += part;
        position = child.end;
      }
      return value + unescape(script.slice(position, node.end));
    }
    default:
      return node.named ? undefined : script.slice(node.start, node.end);
  }
}

function unescape(text: string): string {
  return text.includes('\\') ? text.replace(/\\(.)/gs, (_match, char: string) => (char === '\n' ? '' : char)) : text;
}

function lineStart(script: string, index: number): number {
  return script.lastIndexOf('\n', index - 1) + 1;
}
