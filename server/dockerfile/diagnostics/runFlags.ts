/**
 * The flags of RUN as BuildKit reads them, which dockerfile-utils' validator does not check at all: the builder
 * stops on an unknown flag (`RUN --mout=…`), an unsupported `--network` or `--security` value, and, in `--mount`,
 * an unknown type, key or sharing mode (`type=cach`, `targte=`). Values holding a variable are left alone (the
 * builder expands them first), and so are quoted mount options.
 */
import type { Dockerfile, Flag } from 'dockerfile-ast';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-protocol';
import { INSTRUCTION_FLAGS, MOUNT_OPTION_VALUES } from '../lint/buildkitFlags';

/**
 * RUN's flags and the values of those that take one of a few, from the table completion and hover use.
 * `--security` and `--device` need the labs syntax: accepted all the same, as the syntax version may allow them.
 */
const RUN_FLAGS = new Map(INSTRUCTION_FLAGS.RUN.map((flag) => [flag.name, flag.values?.map((entry) => entry.value)]));
/** Every key BuildKit's `--mount` parser accepts, whatever the type (it ignores those a type does not use). */
const MOUNT_KEYS = new Set(['type', 'id', 'source', 'src', 'target', 'dst', 'destination', 'readonly', 'ro', 'readwrite', 'rw', 'required', 'sharing', 'from', 'mode', 'uid', 'gid', 'size', 'env']);
const MOUNT_VALUES: Readonly<Record<string, readonly string[]>> = {
  type: MOUNT_OPTION_VALUES.type.map((entry) => entry.value),
  sharing: MOUNT_OPTION_VALUES.sharing.map((entry) => entry.value),
};

export interface RunFlagProblem {
  range: Range;
  message: string;
}

/** The problems of every RUN's flags, in document order. */
export function runFlagProblems(dockerfile: Dockerfile): RunFlagProblem[] {
  const problems: RunFlagProblem[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() !== 'RUN' || !('getFlags' in instruction)) {
      continue;
    }
    for (const flag of (instruction as { getFlags(): Flag[] }).getFlags()) {
      problems.push(...flagProblems(flag));
    }
  }
  return problems;
}

function flagProblems(flag: Flag): RunFlagProblem[] {
  const name = flag.getName();
  if (!RUN_FLAGS.has(name)) {
    // The range the validator gives the unknown flags of other instructions: the dashes and the name.
    return [{ range: { start: flag.getRange().start, end: flag.getNameRange().end }, message: `Unknown flag: ${name}` }];
  }
  const value = flag.getValue();
  const valueRange = flag.getValueRange();
  if (value === null || valueRange === null || value.includes('$')) {
    return [];
  }
  const allowed = RUN_FLAGS.get(name);
  if (allowed) {
    return allowed.includes(value) ? [] : [{ range: valueRange, message: `Unsupported --${name} value "${value}": use ${list(allowed)}` }];
  }
  return name === 'mount' && !value.includes('"') && !value.includes("'") ? mountProblems(value, valueRange) : [];
}

function mountProblems(value: string, valueRange: Range): RunFlagProblem[] {
  const problems: RunFlagProblem[] = [];
  let offset = 0;
  for (const field of value.split(',')) {
    const equals = field.indexOf('=');
    const key = (equals < 0 ? field : field.slice(0, equals)).toLowerCase();
    const fieldRange = within(valueRange, offset, offset + field.length);
    offset += field.length + 1;
    if (field === '') {
      continue;
    }
    if (!MOUNT_KEYS.has(key)) {
      problems.push({ range: fieldRange, message: `Unknown --mount option "${key}"` });
      continue;
    }
    const allowed = MOUNT_VALUES[key];
    const given = equals < 0 ? '' : field.slice(equals + 1).toLowerCase();
    if (allowed && !allowed.includes(given)) {
      problems.push({ range: fieldRange, message: `Unsupported --mount ${key} "${given}": use ${list(allowed)}` });
    }
  }
  return problems;
}

/** A part of a one-line value's range; a value spread over lines keeps its whole range. */
function within(range: Range, start: number, end: number): Range {
  if (range.start.line !== range.end.line) {
    return range;
  }
  const character = range.start.character;
  return { start: { line: range.start.line, character: character + start }, end: { line: range.start.line, character: character + end } };
}

function list(values: readonly string[]): string {
  return `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/** As diagnostics of the check the CLI calls DS100 (errors: the build stops on them). */
export function runFlagDiagnostics(dockerfile: Dockerfile, source: string, code: string): Diagnostic[] {
  return runFlagProblems(dockerfile).map((problem) => ({ range: problem.range, severity: DiagnosticSeverity.Error, source, code, message: problem.message }));
}
