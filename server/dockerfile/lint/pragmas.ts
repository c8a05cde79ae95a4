/**
 * Suppression comments, compatible with other tools so files need no edit when switching:
 * `# hadolint ignore=A,B` (next instruction), `# hadolint global ignore=A,B` (whole file),
 * the BuildKit parser directive `# check=skip=A,B` (whole file, `all` for every rule),
 * and our own `# dockside-ignore A B` (next instruction) and `# dockside-ignore-file A B` (whole file).
 * The same directive's `error=true` is read here too: the build then fails on BuildKit's checks.
 */
import type { Dockerfile } from 'dockerfile-ast';
import { canonicalCode } from './registry';

export interface Suppressions {
  /** Codes ignored in the whole file (canonical codes, or ShellCheck codes); `*` for all. */
  file: Set<string>;
  /** Codes ignored on a span of lines (the instruction that follows the comment). */
  spans: { codes: Set<string>; fromLine: number; toLine: number }[];
  /** `# check=error=true`: a finding of one of BuildKit's checks fails the build, so it is an error. */
  checkErrors: boolean;
}

const NEXT_INSTRUCTION = [/^#\s*hadolint\s+ignore\s*=\s*(.+)$/i, /^#\s*dockside-ignore\s+(.+)$/i];
const WHOLE_FILE = [/^#\s*hadolint\s+global\s+ignore\s*=\s*(.+)$/i, /^#\s*dockside-ignore-file\s+(.+)$/i];
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9_-]*)\s*=\s*(.*?)\s*$/;

export function readSuppressions(text: string, dockerfile: Dockerfile): Suppressions {
  const check = checkDirective(text);
  const suppressions: Suppressions = { file: new Set(check.skips), spans: [], checkErrors: check.error };
  const instructions = dockerfile.getInstructions();
  // Scanned line by line: dockerfile-ast reads a first-line `# hadolint ignore=…` as a parser directive.
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const content = lines[line].trim();
    if (!content.startsWith('#')) {
      continue;
    }
    const fileMatch = WHOLE_FILE.map((pattern) => pattern.exec(content)).find(Boolean);
    if (fileMatch) {
      codesOf(fileMatch[1]).forEach((code) => suppressions.file.add(code));
      continue;
    }
    const nextMatch = NEXT_INSTRUCTION.map((pattern) => pattern.exec(content)).find(Boolean);
    if (nextMatch) {
      const next = instructions.find((instruction) => instruction.getRange().start.line > line);
      if (next) {
        suppressions.spans.push({
          codes: new Set(codesOf(nextMatch[1])),
          fromLine: next.getRange().start.line,
          toLine: next.getRange().end.line,
        });
      }
    }
  }
  return suppressions;
}

/** `# check=skip=A,B;error=true` among the parser directives at the top of the file. */
function checkDirective(text: string): { skips: string[]; error: boolean } {
  const skips: string[] = [];
  let error = false;
  // Directives are only the first lines: read line by line until one is not, not the whole text.
  for (let start = 0; start <= text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    start = end < 0 ? text.length + 1 : end + 1;
    const match = DIRECTIVE.exec(line.trim());
    if (!match) {
      break;
    }
    if (match[1].toLowerCase() === 'check') {
      for (const part of match[2].split(';')) {
        const [key, value] = part.split('=', 2).map((item) => item.trim());
        if (key.toLowerCase() === 'skip' && value) {
          skips.push(...(value.toLowerCase() === 'all' ? ['*'] : codesOf(value)));
        } else if (key.toLowerCase() === 'error') {
          // BuildKit reads the value as Go's strconv.ParseBool does.
          error = ['1', 't', 'true'].includes((value ?? '').toLowerCase());
        }
      }
    }
  }
  return { skips, error };
}

function codesOf(list: string): string[] {
  const withoutTrailingComment = list.split(/\s+#/)[0];
  return withoutTrailingComment
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((name) => canonicalCode(name) ?? name.toUpperCase());
}

export function isSuppressed(suppressions: Suppressions, code: string, line: number): boolean {
  if (suppressions.file.has('*') || suppressions.file.has(code)) {
    return true;
  }
  return suppressions.spans.some((span) => span.codes.has(code) && line >= span.fromLine && line <= span.toLine);
}
