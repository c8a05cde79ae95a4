/**
 * An image for the file tests, built from the test image: a passwd file, a file owned by 1234:5678 with mode
 * 0640, and symlinks to a folder and to a file. Labelled dockside.test=1; `removeFilesImage` removes it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { TEST_IMAGE, testLabels } from './engine';

export const FILES_IMAGE = 'dockside-test/files:1';

export async function buildFilesImage(docker: Docker): Promise<void> {
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-files-image-'));
  try {
    fs.writeFileSync(
      path.join(context, 'Dockerfile'),
      [
        `FROM ${TEST_IMAGE}`,
        'RUN printf "root:x:0:0:root:/root:/bin/sh\\napp:x:1234:5678::/home/app:/bin/sh\\n" > /etc/passwd \\',
        ' && mkdir -p /srv/app && printf "secret=1\\n" > /srv/app/config.ini \\',
        ' && chown 1234:5678 /srv/app/config.ini && chmod 640 /srv/app/config.ini \\',
        ' && ln -s /srv/app /srv/link && ln -s config.ini /srv/app/current',
        '',
      ].join('\n'),
    );
    const stream = await docker.buildImage({ context, src: ['Dockerfile'] }, { t: FILES_IMAGE, labels: { ...testLabels } });
    const output: Array<{ error?: string }> = await new Promise((resolve, reject) =>
      docker.modem.followProgress(stream, (error: Error | null, result: Array<{ error?: string }>) => (error ? reject(error) : resolve(result))),
    );
    const failure = output.find((message) => message.error);
    if (failure) {
      throw new Error(`building ${FILES_IMAGE} failed: ${failure.error}`);
    }
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
  }
}

export async function removeFilesImage(docker: Docker): Promise<void> {
  await docker.getImage(FILES_IMAGE).remove({ force: true }).catch(() => undefined);
}

/** Runs a program in a running container and returns its standard output (stderr appended on failure). */
export async function execOutput(docker: Docker, containerId: string, command: string[]): Promise<string> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  docker.modem.demuxStream(stream, stdout, stderr);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const deadline = Date.now() + 10_000;
  let info = await exec.inspect();
  while (info.Running && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    info = await exec.inspect();
  }
  if (info.ExitCode !== 0) {
    throw new Error(`${command.join(' ')} exited with ${info.ExitCode}: ${Buffer.concat(err).toString('utf8')}`);
  }
  return Buffer.concat(out).toString('utf8');
}
