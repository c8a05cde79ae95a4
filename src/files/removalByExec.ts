import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { ContainerFileError, fileErrorFromEngine } from './fileErrors';

/**
 * Removing and moving paths. The Engine's archive API can add and replace files but has no way to remove one
 * (a PUT only extracts; there is no DELETE), so these run the container's own `rm` or `mv` directly, as a
 * program with arguments: no shell is started and no text is parsed as a command. That needs a running
 * container that has these programs; otherwise the operation is refused with the reason, and nothing changes.
 */
export class RemovalByExec {
  constructor(
    private readonly docker: Docker,
    private readonly containerId: string,
  ) {}

  /** `rm -rf -- <path>`. */
  remove(path: string): Promise<void> {
    return this.run(['rm', '-rf', '--', path], `delete ${path}`);
  }

  /** `mv -- <from> <to>` (callers make sure `to` does not exist, so it is never moved into a folder). */
  move(from: string, to: string): Promise<void> {
    return this.run(['mv', '--', from, to], `rename ${from}`);
  }

  private async run(command: string[], what: string): Promise<void> {
    const container = this.docker.getContainer(this.containerId);
    let running: boolean;
    try {
      running = (await container.inspect()).State.Running;
    } catch (error) {
      throw fileErrorFromEngine(error, command[command.length - 1]);
    }
    if (!running) {
      throw new ContainerFileError(
        'unavailable',
        `Cannot ${what}: the Docker Engine API can add and replace files in a stopped container but not remove them. Start the container and try again.`,
      );
    }
    let output = '';
    let exitCode: number | null;
    try {
      const exec = await container.exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
      const stream = await exec.start({ hijack: true, stdin: false });
      const sink = new PassThrough();
      sink.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
      });
      this.docker.modem.demuxStream(stream, sink, sink);
      await new Promise<void>((resolve, reject) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', reject);
      });
      exitCode = await exitCodeOf(exec);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/executable file not found|no such file or directory/i.test(message)) {
        throw new ContainerFileError('noPermissions', `Cannot ${what}: the container has no "${command[0]}" program, and the Docker Engine API cannot remove files by itself.`);
      }
      throw fileErrorFromEngine(error, command[command.length - 1]);
    }
    if (exitCode === 127 || exitCode === 126) {
      throw new ContainerFileError('noPermissions', `Cannot ${what}: the container has no "${command[0]}" program, and the Docker Engine API cannot remove files by itself.`);
    }
    if (exitCode !== 0) {
      const reason = output.trim() || `${command[0]} exited with code ${exitCode}`;
      throw new ContainerFileError(/permission denied|read-only/i.test(reason) ? 'noPermissions' : 'other', `Cannot ${what}: ${reason}`);
    }
  }
}

async function exitCodeOf(exec: Docker.Exec): Promise<number | null> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const info = await exec.inspect();
    if (!info.Running || Date.now() > deadline) {
      return info.ExitCode;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
