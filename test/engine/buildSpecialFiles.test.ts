import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runBuild } from '../../src/build/buildRunner';
import { useBuildContext } from '../support/buildContext';
import { TEST_IMAGE } from '../support/engine';

const context = useBuildContext('special');
const servers: net.Server[] = [];
after(() => servers.forEach((server) => server.close()));

async function listen(socketPath: string): Promise<void> {
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
}

function mkfifo(file: string): void {
  const made = spawnSync('mkfifo', [file]);
  assert.equal(made.status, 0, `mkfifo ${file}: ${String(made.stderr)}`);
}

test('FIFOs and sockets in a build context are skipped with a line in the build output, and the build succeeds', { skip: process.platform === 'win32' }, async () => {
  const { contextDir, write, tag } = context;
  write('keep.txt', 'kept\n');
  write('sub/also.txt', 'also\n');
  write('.dockerignore', 'ignored.fifo\n');
  write('Dockerfile', `FROM ${TEST_IMAGE}\nCOPY . /ctx\n`);
  mkfifo(path.join(contextDir, 'pipe.fifo'));
  mkfifo(path.join(contextDir, 'sub', 'nested.fifo'));
  mkfifo(path.join(contextDir, 'ignored.fifo'));
  await listen(path.join(contextDir, 'sub', 'app.sock'));

  let output = '';
  const result = await runBuild(context.docker, context.request(), { output: (text) => (output += text), step: () => undefined }, new AbortController().signal);
  assert.equal(result.kind, 'succeeded', `${JSON.stringify(result)}\n${output}`);
  assert.match(output, /Skipping "pipe\.fifo" \(a FIFO\): special files are not sent in a build context\./);
  assert.match(output, /Skipping "sub\/nested\.fifo" \(a FIFO\)/);
  assert.match(output, /Skipping "sub\/app\.sock" \(a socket\)/);
  assert.doesNotMatch(output, /ignored\.fifo/, 'a file .dockerignore leaves out is not mentioned');

  const listing = await context.outputOf(tag, 'cd /ctx && find . | sort');
  assert.deepEqual(listing.trim().split('\n'), ['.', './.dockerignore', './Dockerfile', './keep.txt', './sub', './sub/also.txt']);
});
