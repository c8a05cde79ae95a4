/**
 * Runs the Compose CLI: spawns the program with an argument array (never a shell), streams its output as it
 * comes, keeps the end of it for the failure message, and resolves with the exit code. Aborting the signal
 * stops the process.
 */
import { execFile, spawn } from 'node:child_process';
import type { Probe } from './cli';
import type { CommandLine } from './invocation';

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  /** Receives stdout and stderr as they come, in order of arrival. */
  onOutput?: (text: string) => void;
  signal?: AbortSignal;
}

export interface RunResult {
  /** The exit code; null when the process ended by a signal or could not start. */
  exitCode: number | null;
  /** The last 64 KiB of the output (both streams). */
  output: string;
  /** Why the process could not start (`spawn docker-compose ENOENT`). */
  startError?: string;
  cancelled: boolean;
}

const KEPT_OUTPUT = 64 * 1024;

export function runComposeCommand(line: CommandLine, options: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    let output = '';
    let cancelled = false;
    const keep = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-KEPT_OUTPUT);
      options.onOutput?.(text);
    };
    const child = spawn(line.command, line.args, { cwd: line.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const onAbort = () => {
      cancelled = true;
      child.kill('SIGTERM');
    };
    if (options.signal?.aborted) {
      onAbort();
    } else {
      options.signal?.addEventListener('abort', onAbort, { once: true });
    }
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let startError: string | undefined;
    child.on('error', (error) => {
      startError = error.message;
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode: startError === undefined ? code : null, output, startError, cancelled });
    });
  });
}

/** A `Probe` for `findComposeCli`: runs the program with a 15 s limit, no shell. */
export const processProbe =
  (env: NodeJS.ProcessEnv): Probe =>
  (command, args) =>
    new Promise((resolve, reject) => {
      execFile(command, [...args], { env, timeout: 15_000, encoding: 'utf8' }, (error, stdout) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(error);
          return;
        }
        resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout });
      });
    });
