/**
 * Named steps: each failure says which step could not run and shows the end of its log,
 * so a red `npm test` points at the cause without rerunning anything.
 */
import { spawn, SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import { killGroup, ownGroup, releaseGroup } from './processes';

export class StepError extends Error {
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(`e2e step "${step}" could not run: ${detail}`);
    this.name = 'StepError';
  }
}

/** Runs `body` as the named step; any error it throws becomes a StepError naming the step. */
export async function step<T>(name: string, body: () => Promise<T> | T): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof StepError) {
      throw error;
    }
    throw new StepError(name, error instanceof Error ? error.message : String(error));
  }
}

export function tailOf(file: string, lines = 25): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface CommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Output of the command is appended here. */
  log: string;
  timeoutMs: number;
}

/** Runs a command to completion, its output appended to a log file; rejects with the log's tail on failure. */
export function runCommand(command: string, args: string[], options: CommandOptions): Promise<void> {
  const log = fs.openSync(options.log, 'a');
  fs.writeSync(log, `\n$ (cd ${options.cwd} && ${command} ${args.join(' ')})\n`);
  const spawnOptions: SpawnOptions = { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', log, log], detached: true };
  const child = spawn(command, args, spawnOptions);
  fs.closeSync(log);
  ownGroup(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child.pid, 'SIGKILL');
      reject(new Error(`\`${command} ${args.join(' ')}\` did not finish within ${options.timeoutMs / 1000} s; log ${options.log}:\n${tailOf(options.log)}`));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start \`${command}\`: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      releaseGroup(child);
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`\`${command} ${args.join(' ')}\` exited with ${code ?? signal}; log ${options.log}:\n${tailOf(options.log)}`));
      }
    });
  });
}
