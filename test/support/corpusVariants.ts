/**
 * Variants of real Dockerfiles that the builder reads as it reads the originals, made in the test from the
 * corpus files (never stored): a held-back set of files written otherwise should find nothing the corpus does not.
 * - `arg-redefinitions`: each `ARG NAME=value` (global or in a stage) redeclared twice with a default that refers
 *   to the previous value, quotes inside the expansion word (`ARG NAME=${NAME:+"value"}`,
 *   `ARG NAME=${NAME:-"value"}`), and each global one declared again without a default in every stage;
 * - `nested-expansions`: each `${NAME}` written `${NAME:-${NAME}}`, the same value;
 * - `windows-paths`: a file that uses `\` only to continue lines, rewritten with `# escape=`` ` and `` ` ``
 *   continuations, with Windows paths in WORKDIR, ENV and COPY in every stage.
 */

export type VariantKind = 'arg-redefinitions' | 'nested-expansions' | 'windows-paths';

export const VARIANT_KINDS: readonly VariantKind[] = ['arg-redefinitions', 'nested-expansions', 'windows-paths'];

/** A default without quotes, references or escapes, written bare or in double quotes. */
const SIMPLE_VALUE = /^(?:[A-Za-z0-9_.\-/:@+,]+|"[^"$\\`]+")$/;
const ARG_WITH_DEFAULT = /^ARG[ \t]+([A-Za-z_][A-Za-z0-9_]*)=(\S+|"[^"]*")[ \t]*$/i;
const FROM_LINE = /^FROM[ \t]/i;
const DIRECTIVE = /^#[ \t]*[a-zA-Z][a-zA-Z0-9_-]*[ \t]*=/;

/** The variant of one Dockerfile, or undefined when this kind does not apply to it (nothing to vary, or not safely). */
export function variantOf(text: string, kind: VariantKind): string | undefined {
  switch (kind) {
    case 'arg-redefinitions':
      return argRedefinitions(text);
    case 'nested-expansions':
      return nestedExpansions(text);
    case 'windows-paths':
      return windowsPaths(text);
  }
}

function argRedefinitions(text: string): string | undefined {
  const lines = text.split('\n');
  const out: string[] = [];
  const globals: string[] = [];
  let seenFrom = false;
  let changed = false;
  for (const line of lines) {
    out.push(line);
    const arg = ARG_WITH_DEFAULT.exec(line);
    if (arg && SIMPLE_VALUE.test(arg[2]) && !/[\\`][ \t]*$/.test(out.at(-2) ?? '')) {
      const [, name, written] = arg;
      const value = written.replace(/^"(.*)"$/, '$1');
      out.push(`ARG ${name}=\${${name}:+"${value}"}`, `ARG ${name}=\${${name}:-"${value}"}`);
      if (!seenFrom) {
        globals.push(name);
      }
      changed = true;
    }
    // A one-line FROM: the stage declares the global ARGs again, without defaults, as many files do.
    if (FROM_LINE.test(line) && !/[\\`][ \t]*$/.test(line)) {
      seenFrom = true;
      out.push(...globals.map((name) => `ARG ${name}`));
    } else if (FROM_LINE.test(line)) {
      seenFrom = true;
    }
  }
  return changed ? out.join('\n') : undefined;
}

function nestedExpansions(text: string): string | undefined {
  let changed = false;
  const varied = text
    .split('\n')
    .map((line) =>
      // Comments (parser directives among them) stay as they are.
      /^[ \t]*#/.test(line)
        ? line
        : line.replace(/(?<![\\`$])\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
            changed = true;
            return `\${${name}:-\${${name}}}`;
          }),
    )
    .join('\n');
  return changed ? varied : undefined;
}

const WINDOWS_LINES = ['WORKDIR C:\\dockside\\app\\', 'ENV DOCKSIDE_HOME=C:\\dockside\\ DOCKSIDE_TOOLS="C:\\Program Files\\dockside\\bin"', 'COPY . C:\\dockside\\app\\'];

function windowsPaths(text: string): string | undefined {
  const lines = text.split('\n');
  let index = 0;
  while (index < lines.length && DIRECTIVE.test(lines[index].trim())) {
    // A file with its own escape directive is left alone.
    if (/^#[ \t]*escape[ \t]*=/i.test(lines[index].trim())) {
      return undefined;
    }
    index++;
  }
  // Only files where `\` continues lines and nothing else, outside RUN and without heredocs: with `` ` `` as the
  // escape character, a `\` anywhere else would change meaning.
  if (text.includes('<<') || text.includes('`')) {
    return undefined;
  }
  let inRun = false;
  let continued = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      continue;
    }
    if (!continued) {
      inRun = /^RUN[ \t]/i.test(trimmed);
    }
    continued = trimmed.endsWith('\\');
    if (!inRun && (continued ? trimmed.slice(0, -1) : trimmed).includes('\\')) {
      return undefined;
    }
  }
  const out: string[] = [...lines.slice(0, index), '# escape=`'];
  continued = false;
  for (const line of lines.slice(index)) {
    const converted = /\\[ \t]*$/.test(line) && !line.trim().startsWith('#') ? line.replace(/\\([ \t]*)$/, '`$1') : line;
    out.push(converted);
    const continues = converted !== line;
    if (FROM_LINE.test(line.trim()) && !continues && !continued) {
      out.push(...WINDOWS_LINES);
    }
    continued = continues || (continued && line.trim().startsWith('#'));
  }
  return out.join('\n');
}
