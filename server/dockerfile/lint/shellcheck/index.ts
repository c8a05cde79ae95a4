/**
 * ShellCheck over each shell-form RUN, as ShellCheck would see the script: the shell from SHELL (default `/bin/sh`),
 * ARG and ENV names exported, findings mapped back to their exact Dockerfile range through continuations and heredocs.
 * Every RUN is a file of its own; one ShellCheck process reads a Dockerfile's, or a batch of Dockerfiles', at once.
 * Asynchronous: it runs processes.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Arg, Env } from 'dockerfile-ast';
import { baseName, LintContext } from '../context';
import type { LintInput } from '../index';
import { isSuppressed, readSuppressions } from '../pragmas';
import type { ShellSource } from '../shell/source';
import type { Finding, FindingSeverity, RuleSetting } from '../types';

export interface ShellcheckOptions {
  /** The executable (default `shellcheck` from the PATH). */
  executable?: string;
  /** Per-code settings for SC codes (`SC2086: 'off'`). */
  rules?: Record<string, RuleSetting>;
  /** Told once per executable when ShellCheck cannot be run, and once when it fails on some input. */
  onUnavailable?: (message: string) => void;
  /** Stops the run (a newer version of the document came): the result is then empty. */
  signal?: AbortSignal;
  /** Stops a run that takes longer than this (the result is then empty). */
  timeoutMs?: number;
}

/** The run was aborted or timed out: not a sign that ShellCheck is missing. */
class ShellcheckStopped extends Error {}

/** No executable of that name. */
class ShellcheckMissing extends Error {}

/**
 * Codes left out: sourced files cannot be followed from a RUN (SC1090, SC1091); `local` is POSIX-undefined but every
 * /bin/sh of a Linux image has it (dash, busybox ash, bash), so SC3043 would only be noise.
 */
const EXCLUDED = ['SC1090', 'SC1091', 'SC3043'];
const LEVEL: Record<string, FindingSeverity> = { error: 'error', warning: 'warning', info: 'info', style: 'style' };
const notified = new Set<string>();

interface ShellcheckComment {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

export async function shellcheckDockerfile(input: LintInput, options: ShellcheckOptions = {}): Promise<Finding[]> {
  return (await shellcheckDockerfiles([input], options))[0];
}

export interface ShellcheckBatchOptions extends ShellcheckOptions {
  /** Per-code settings of each document, in the order of the inputs, in place of `rules` (each file's own configuration). */
  rulesByDocument?: readonly (Record<string, RuleSetting> | undefined)[];
  /** ShellCheck processes run side by side (default 1). */
  concurrency?: number;
  /** Scripts per ShellCheck process: a process starts in ~10 ms, then takes a few ms a script (default 400). */
  scriptsPerProcess?: number;
}

/** A script file written for ShellCheck: which document it comes from, and what of it is the script. */
interface ScriptFile {
  document: number;
  unit: ScriptUnit;
}

/**
 * ShellCheck's findings for several Dockerfiles, in their order: every script of the batch in as few processes as
 * `scriptsPerProcess` allows, `concurrency` of them at a time (for the command line over many files; one
 * process per file spent most of its time starting ShellCheck).
 */
export async function shellcheckDockerfiles(inputs: readonly LintInput[], options: ShellcheckBatchOptions = {}): Promise<Finding[][]> {
  const documents = inputs.map((input) => {
    const context = new LintContext(input.text, input.dockerfile, input.settings ?? {}, undefined, input.shellParses);
    return { input, context, units: scriptUnits(context) };
  });
  const results: Finding[][] = documents.map(() => []);
  if (documents.every(({ units }) => units.length === 0) || options.signal?.aborted) {
    return results;
  }
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'dockside-shellcheck-'));
  try {
    const files = new Map<string, ScriptFile>();
    for (const [document, { units }] of documents.entries()) {
      for (const [index, unit] of units.entries()) {
        files.set(path.join(directory, `${document}-run${index}.sh`), { document, unit });
      }
    }
    await Promise.all([...files].map(([file, { unit }]) => fs.writeFile(file, `${unit.header.join('\n')}\n${unit.source.script}\n`)));
    const outputs = await runInBatches(files, options);
    if (outputs === undefined) {
      return results;
    }
    const suppressions = documents.map(({ input }) => readSuppressions(input.text, input.dockerfile));
    for (const comment of outputs.flatMap((output) => JSON.parse(output).comments as ShellcheckComment[])) {
      const file = files.get(comment.file);
      if (!file || comment.line - 1 < file.unit.header.length) {
        continue;
      }
      const code = `SC${comment.code}`;
      const setting = (options.rulesByDocument ? options.rulesByDocument[file.document] : options.rules)?.[code];
      if (setting === 'off') {
        continue;
      }
      const range = documents[file.document].context.range(...unitOffsets(file.unit, comment));
      if (!isSuppressed(suppressions[file.document], code, range.start.line)) {
        results[file.document].push({
          code,
          severity: setting ?? LEVEL[comment.level] ?? 'warning',
          message: comment.message,
          range,
          href: `https://www.shellcheck.net/wiki/${code}`,
          source: 'shellcheck',
        });
      }
    }
    for (const findings of results) {
      findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
    return results;
  } finally {
    await fs.rm(directory, { recursive: true, force: true });
  }
}

/**
 * ShellCheck's JSON output over every file, in batches; undefined when stopped (aborted or timed out). A batch that
 * fails for another reason than a missing ShellCheck is run again document by document, so a script ShellCheck
 * fails on costs only its own document's findings. A missing ShellCheck is told once per executable, a failing
 * one once too.
 */
async function runInBatches(files: ReadonlyMap<string, ScriptFile>, options: ShellcheckBatchOptions): Promise<string[] | undefined> {
  const executable = options.executable ?? 'shellcheck';
  const paths = [...files.keys()];
  const perProcess = Math.max(1, options.scriptsPerProcess ?? 400);
  const batches: string[][] = [];
  for (let index = 0; index < paths.length; index += perProcess) {
    batches.push(paths.slice(index, index + perProcess));
  }
  const outcomes = await mapConcurrently(batches, Math.max(1, options.concurrency ?? 1), (batch) =>
    runShellcheck(executable, batch, options).then(
      (output) => ({ batch, output }),
      (error: unknown) => ({ batch, error }),
    ),
  );
  const tell = (error: unknown) => {
    const missing = error instanceof ShellcheckMissing;
    const key = `${missing ? 'missing' : 'failed'} ${executable}`;
    if (!notified.has(key)) {
      notified.add(key);
      options.onUnavailable?.(
        missing
          ? `ShellCheck is not available (${(error as Error).message}); RUN scripts are checked by the built-in rules only.`
          : `ShellCheck failed (${(error as Error).message}); the RUN scripts it was given are checked by the built-in rules only.`,
      );
    }
  };
  const outputs: string[] = [];
  for (const outcome of outcomes) {
    if ('output' in outcome) {
      outputs.push(outcome.output);
      continue;
    }
    if (outcome.error instanceof ShellcheckStopped) {
      return undefined;
    }
    const byDocument = new Map<number, string[]>();
    for (const file of outcome.batch) {
      const document = files.get(file)!.document;
      byDocument.set(document, [...(byDocument.get(document) ?? []), file]);
    }
    if (byDocument.size === 1 || outcome.error instanceof ShellcheckMissing) {
      tell(outcome.error);
      continue;
    }
    for (const documentFiles of byDocument.values()) {
      try {
        outputs.push(await runShellcheck(executable, documentFiles, options));
      } catch (error) {
        if (error instanceof ShellcheckStopped) {
          return undefined;
        }
        tell(error);
      }
    }
  }
  return outputs;
}

/** A comment's start and end as Dockerfile offsets: json1 counts lines from 1 and columns in code points (a tab is one), in the file written. */
function unitOffsets(unit: ScriptUnit, comment: ShellcheckComment): [number, number] {
  const script = unit.source.script;
  const lineStarts = [0];
  for (let i = 0; i < script.length; i++) {
    if (script[i] === '\n') {
      lineStarts.push(i + 1);
    }
  }
  const toOffset = (line: number, column: number) => {
    const scriptLine = Math.min(line - 1 - unit.header.length, lineStarts.length - 1);
    let index = lineStarts[scriptLine];
    for (let remaining = column - 1; remaining > 0 && index < script.length; remaining--) {
      index += (script.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
    }
    return unit.source.offsets.at(index);
  };
  return [toOffset(comment.line, comment.column), toOffset(comment.endLine, comment.endColumn)];
}

/** `work` over every item, at most `limit` at a time; results in the items' order. The first failure rejects. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function runShellcheck(executable: string, files: string[], options: ShellcheckOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const limits = { maxBuffer: 64 * 1024 * 1024, signal: options.signal, timeout: options.timeoutMs ?? 0 };
    execFile(executable, ['--format=json1', `--exclude=${EXCLUDED.join(',')}`, ...files], limits, (error, stdout, stderr) => {
      // ShellCheck exits 1 when it has findings; only a missing binary or a crash is an error here.
      if (options.signal?.aborted || (error as { killed?: boolean } | null)?.killed) {
        reject(new ShellcheckStopped('stopped'));
      } else if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new ShellcheckMissing(`${executable} not found`));
      } else if (stdout.trim().startsWith('{')) {
        resolve(stdout);
      } else {
        // Not the command line, which names every script file.
        const exit = typeof error?.code === 'number' ? `exit code ${error.code}` : (error?.signal ?? 'no output');
        const said = stderr.trim().split('\n', 1)[0];
        reject(new Error(said ? `${exit}: ${said}` : exit));
      }
    });
  });
}

interface ScriptUnit {
  source: ShellSource;
  /** Lines written before the script: the shebang and the exported names. */
  header: string[];
}

const SHELLCHECK_SHELLS = new Set(['sh', 'bash', 'dash', 'ksh', 'ash', 'busybox']);

/**
 * What ShellCheck reads for each RUN: the script as the builder passes it to the shell, and each heredoc body the
 * shell runs as a script (`RUN <<EOF`, `bash <<EOF`). A body with its own non-shell `#!` line is not shell.
 */
function scriptUnits(context: LintContext): ScriptUnit[] {
  const units: ScriptUnit[] = [];
  for (const run of context.runScripts()) {
    const names = variableNamesBefore(context, run.instruction.getRange().start.line);
    const exports = names.length > 0 ? [`export ${names.join(' ')}`] : [];
    const shell = baseName(run.shellCommand[0] ?? '/bin/sh');
    const shebang = `#!/bin/${SHELLCHECK_SHELLS.has(shell) && shell !== 'busybox' && shell !== 'ash' ? shell : 'sh'}`;
    if (!run.shell.onlyHeredocScript) {
      units.push({ source: run.source, header: [shebang, ...exports] });
    }
    for (const body of run.shell.heredocScripts) {
      const firstLine = body.script.split('\n', 1)[0];
      if (firstLine.startsWith('#!')) {
        const interpreter = baseName(firstLine.slice(2).trim().split(/\s+/).filter((word) => !word.endsWith('/env')).at(0) ?? '');
        if (SHELLCHECK_SHELLS.has(interpreter)) {
          // The body's own shebang stays on line 1; the exports follow it; offsets skip the line we moved.
          const rest = body.script.slice(firstLine.length + 1);
          units.push({ source: { script: rest, offsets: body.offsets.slice(firstLine.length + 1) }, header: [firstLine, ...exports] });
        }
        continue;
      }
      units.push({ source: body, header: [shebang, ...exports] });
    }
  }
  return units;
}

/** ARG and ENV names declared before a line: exported so ShellCheck does not call them unassigned. */
function variableNamesBefore(context: LintContext, line: number): string[] {
  const names = new Set<string>();
  for (const instruction of context.instructions) {
    if (instruction.getRange().start.line >= line) {
      break;
    }
    if (instruction.getKeyword() === 'ARG') {
      const name = (instruction as Arg).getProperty()?.getName();
      if (name) {
        names.add(name);
      }
    } else if (instruction.getKeyword() === 'ENV') {
      (instruction as Env).getProperties().forEach((property) => names.add(property.getName()));
    }
  }
  return [...names].filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
}
