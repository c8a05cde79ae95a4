/**
 * Engine I/O for exec: probing whether a program runs in a container, and an interactive exec with a TTY.
 * No vscode import.
 */
import type Docker from 'dockerode';
import { shellCandidates, shellCommand } from './shellChoice';

/** True when `program -c 'exit 0'` runs in the container with exit code 0 (detects, does not guess). */
export async function programRuns(docker: Docker, containerId: string, program: string): Promise<boolean> {
  try {
    const exec = await docker.getContainer(containerId).exec({ Cmd: [program, '-c', 'exit 0'], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    await new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
      stream.resume();
    });
    const deadline = Date.now() + 5_000;
    for (;;) {
      const info = await exec.inspect();
      if (!info.Running || Date.now() > deadline) {
        return info.ExitCode === 0;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } catch {
    return false;
  }
}

export async function chooseShell(docker: Docker, containerId: string, setting: string | undefined, override: string | undefined): Promise<string[]> {
  const candidates = shellCandidates(setting, override);
  for (const candidate of candidates.slice(0, -1)) {
    if (await programRuns(docker, containerId, shellCommand(candidate)[0])) {
      return shellCommand(candidate);
    }
  }
  return shellCommand(candidates[candidates.length - 1]);
}

export interface ExecOptions {
  command: string[];
  user?: string;
  workdir?: string;
  env?: string[];
  /** Tears the requests down (a deadline passed). */
  abortSignal?: AbortSignal;
}

export interface TtyExec {
  exec: Docker.Exec;
  stream: NodeJS.ReadWriteStream;
}

export async function startTtyExec(docker: Docker, containerId: string, options: ExecOptions): Promise<TtyExec> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: options.command,
    Tty: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    User: options.user || undefined,
    WorkingDir: options.workdir || undefined,
    Env: ['TERM=xterm-256color', ...(options.env ?? [])],
    abortSignal: options.abortSignal,
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true, abortSignal: options.abortSignal })) as NodeJS.ReadWriteStream;
  return { exec, stream };
}

/** Waits until the engine reports the exec ended and returns its exit code. */
export async function execExitCode(exec: Docker.Exec, deadlineMs = 5_000): Promise<number | undefined> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const info = await exec.inspect();
    if (!info.Running) {
      return info.ExitCode ?? undefined;
    }
    if (Date.now() > deadline) {
      return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
