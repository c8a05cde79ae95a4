/**
 * ShellCheck over each shell-form RUN, as ShellCheck would see the script: the shell from SHELL (default `/bin/sh`),
 * ARG and ENV names exported, findings mapped back to their exact Dockerfile range through continuations and heredocs.
 * One ShellCheck process per Dockerfile (every RUN as its own file). Asynchronous: it runs a process.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Arg, Env } from 'dockerfile-ast';
import { baseName, LintContext } from '../context';
import type { LintInput } from '../index';
import { isSuppressed, readSuppressions } from '../pragmas';
import type { Finding, FindingSeverity, RuleSetting } from '../types';

export interface ShellcheckOptions {
  /** The executable (default `shellcheck` from the PATH). */
  executable?: string;
  /** Per-code settings for SC codes (`SC2086: 'off'`). */
  rules?: Record<string, RuleSetting>;
  /** Told once per executable when ShellCheck cannot be run. */
  onUnavailable?: (message: string) => void;
}

/** Codes that make no sense on a RUN fragment: sourced files cannot be followed. */
const EXCLUDED = ['SC1090', 'SC1091'];
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
  const executable = options.executable ?? 'shellcheck';
  const context = new LintContext(input.text, input.dockerfile, input.settings ?? {}, undefined);
  const runs = context.runScripts();
  if (runs.length === 0) {
    return [];
  }
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'dockside-shellcheck-'));
  try {
    const prefixes: number[] = [];
    const files = await Promise.all(
      runs.map(async (run, index) => {
        const shell = baseName(run.shellCommand[0] ?? '/bin/sh');
        const names = variableNamesBefore(context, run.instruction.getRange().start.line);
        const header = [`#!/bin/${['bash', 'sh', 'dash', 'ksh'].includes(shell) ? shell : 'sh'}`, ...(names.length > 0 ? [`export ${names.join(' ')}`] : [])];
        prefixes[index] = header.length;
        const file = path.join(directory, `run${index}.sh`);
        await fs.writeFile(file, `${header.join('\n')}\n${run.source.script}\n`);
        return file;
      }),
    );
    let output: string;
    try {
      output = await runShellcheck(executable, files);
    } catch (error) {
      if (!notified.has(executable)) {
        notified.add(executable);
        options.onUnavailable?.(`ShellCheck is not available (${(error as Error).message}); RUN scripts are checked by the built-in rules only.`);
      }
      return [];
    }
    const suppressions = readSuppressions(input.text, input.dockerfile);
    const findings: Finding[] = [];
    for (const comment of JSON.parse(output).comments as ShellcheckComment[]) {
      const index = files.indexOf(comment.file);
      const run = runs[index];
      const code = `SC${comment.code}`;
      const setting = options.rules?.[code];
      if (!run || setting === 'off') {
        continue;
      }
      const toOffset = (line: number, column: number) => {
        const scriptLines = run.source.script.split('\n');
        const scriptLine = line - 1 - prefixes[index];
        let at = 0;
        for (let i = 0; i < Math.min(scriptLine, scriptLines.length); i++) {
          at += scriptLines[i].length + 1;
        }
        return run.source.offsets[Math.min(at + column - 1, run.source.offsets.length - 1)];
      };
      if (comment.line - 1 < prefixes[index]) {
        continue;
      }
      const range = context.range(toOffset(comment.line, comment.column), toOffset(comment.endLine, comment.endColumn));
      if (isSuppressed(suppressions, code, range.start.line)) {
        continue;
      }
      findings.push({
        code,
        severity: setting ?? LEVEL[comment.level] ?? 'warning',
        message: comment.message,
        range,
        href: `https://www.shellcheck.net/wiki/${code}`,
        source: 'shellcheck',
      });
    }
    return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  } finally {
    await fs.rm(directory, { recursive: true, force: true });
  }
}

function runShellcheck(executable: string, files: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(executable, ['--format=json1', `--exclude=${EXCLUDED.join(',')}`, ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      // ShellCheck exits 1 when it has findings; only a missing binary or a crash is an error here.
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`${executable} not found`));
      } else if (stdout.trim().startsWith('{')) {
        resolve(stdout);
      } else {
        reject(error ?? new Error('no output'));
      }
    });
  });
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
