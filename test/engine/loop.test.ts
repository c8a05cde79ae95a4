import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';

let docker: Docker;
const created: Docker.Container[] = [];

before(async () => {
  docker = await ensureEngine();
});

after(async () => {
  await Promise.all(created.map((container) => container.remove({ force: true }).catch(() => undefined)));
});

async function collect(stream: NodeJS.ReadableStream, tty: boolean): Promise<{ stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  if (tty) {
    stream.pipe(stdout);
  } else {
    docker.modem.demuxStream(stream, stdout, stderr);
  }
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  return { stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

test('a container from the test image starts, logs, runs an exec and is removed', async () => {
  const container = await docker.createContainer({
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', 'echo hello from dockside; echo oops >&2; sleep 300'],
    Labels: { ...testLabels },
    HostConfig: { NetworkMode: 'none' },
  });
  created.push(container);
  await container.start();
  assert.equal((await container.inspect()).State.Running, true);

  const deadline = Date.now() + 10_000;
  let logs = { stdout: '', stderr: '' };
  while (Date.now() < deadline && !logs.stderr.includes('oops')) {
    const stream = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    const passthrough = new PassThrough();
    passthrough.end(stream);
    logs = await collect(passthrough, false);
  }
  assert.equal(logs.stdout, 'hello from dockside\n');
  assert.equal(logs.stderr, 'oops\n');

  const exec = await container.exec({ Cmd: ['sh', '-c', 'echo $((6 * 7)); exit 3'], AttachStdout: true, AttachStderr: true });
  const output = await collect(await exec.start({ hijack: true, stdin: false }), false);
  assert.equal(output.stdout, '42\n');
  assert.equal((await exec.inspect()).ExitCode, 3);

  await container.remove({ force: true });
  created.pop();
  const left = await docker.listContainers({ all: true, filters: { id: [container.id] } });
  assert.deepEqual(left, []);
});
