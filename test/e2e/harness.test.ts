/** The e2e harness's own logic, without code-server or a browser: the cache lock, the payload URL, reports. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { cacheKey, cacheRoot } from './harness/codeServerInstall';
import { payloadUrl } from './harness/extensionHostRun';
import { withLock } from './harness/lock';
import { step, StepError } from './harness/steps';
import { SuiteReport } from './harness/suiteReport';
import { CODE_SERVER_VERSION } from './harness/versions';
import { vsixStaleReason } from './harness/vsixFreshness';
import type { CodeServer } from './harness/codeServer';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-harness-test-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('the cache folder is keyed by code-server version, Node ABI, platform and architecture', () => {
  assert.equal(cacheKey(), `code-server-${CODE_SERVER_VERSION}-node-abi${process.versions.modules}-${process.platform}-${process.arch}`);
  const previous = process.env.XDG_CACHE_HOME;
  try {
    process.env.XDG_CACHE_HOME = path.join(scratch, 'xdg');
    assert.equal(cacheRoot(), path.join(scratch, 'xdg', 'dockside-e2e'));
  } finally {
    if (previous === undefined) {
      delete process.env.XDG_CACHE_HOME;
    } else {
      process.env.XDG_CACHE_HOME = previous;
    }
  }
});

test('two holders of the lock take turns', async () => {
  const lock = path.join(scratch, 'turns.lock');
  const events: string[] = [];
  const holder = (name: string) =>
    withLock(lock, 10_000, async () => {
      events.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      events.push(`${name} out`);
    });
  await Promise.all([holder('a'), holder('b')]);
  assert.equal(events.length, 4);
  assert.equal(events[0].split(' ')[0], events[1].split(' ')[0], 'the first holder leaves before the second enters');
  assert.ok(!fs.existsSync(lock), 'the lock is released');
});

test('a lock left by a dead process is taken over', async () => {
  const lock = path.join(scratch, 'stale.lock');
  const child = spawn(process.execPath, ['-e', 'process.exit(0)']);
  const deadPid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
  fs.mkdirSync(lock);
  fs.writeFileSync(path.join(lock, 'owner'), `${deadPid}\n`);
  assert.equal(await withLock(lock, 5_000, async () => 'taken'), 'taken');
});

test('a lock held by a live process makes the waiter give up with the lock named', async () => {
  const lock = path.join(scratch, 'held.lock');
  fs.mkdirSync(lock);
  fs.writeFileSync(path.join(lock, 'owner'), `${process.pid}\n`);
  await assert.rejects(withLock(lock, 300, async () => 'never'), new RegExp(`${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is still held`));
  fs.rmSync(lock, { recursive: true });
});

test('a failing step is reported by its name', async () => {
  await assert.rejects(
    step('start code-server', () => {
      throw new Error('port taken');
    }),
    (error: unknown) => error instanceof StepError && error.message === 'e2e step "start code-server" could not run: port taken',
  );
});

test('the workbench URL carries the folder and a payload of vscode-remote URIs on the page host', () => {
  const server = { authority: '127.0.0.1:4321', url: 'http://127.0.0.1:4321/' } as CodeServer;
  const url = new URL(payloadUrl(server, { extensionPath: '/ext', testsIndex: '/out/e2e/index.js', workspace: '/ws' }));
  assert.equal(url.searchParams.get('folder'), '/ws');
  assert.deepEqual(JSON.parse(url.searchParams.get('payload')!), [
    ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4321/ext'],
    ['extensionTestsPath', 'vscode-remote://127.0.0.1:4321/out/e2e/index.js'],
  ]);
});

test('a suite that wrote no results is a problem that names the cause and shows its output', () => {
  const log = path.join(scratch, 'suite.log');
  fs.writeFileSync(log, 'Error: Cannot find module mocha\n');
  const report = SuiteReport.read(path.join(scratch, 'missing.json'), 1, log);
  assert.match(report.problem ?? '', /ended with code 1 without writing results/);
  assert.match(report.problem ?? '', /Cannot find module mocha/);
  const timedOut = SuiteReport.read(path.join(scratch, 'missing.json'), 'timeout', log);
  assert.match(timedOut.problem ?? '', /did not report the end of the suite in time/);
});

test('written results are read back test by test', () => {
  const file = path.join(scratch, 'results.json');
  fs.writeFileSync(file, JSON.stringify({ failures: 1, results: [{ title: 'a b', state: 'failed', durationMs: 3, error: 'boom' }] }));
  const report = SuiteReport.read(file, 1, path.join(scratch, 'suite.log'));
  assert.equal(report.problem, undefined);
  assert.deepEqual(report.results, [{ title: 'a b', state: 'failed', durationMs: 3, error: 'boom' }]);
});

test('npm start packages again only when an input of dockside.vsix is newer than it', () => {
  const root = fs.mkdtempSync(path.join(scratch, 'vsix-'));
  fs.mkdirSync(path.join(root, 'src', 'deep'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src', 'deep', 'a.ts'), '');
  fs.writeFileSync(path.join(root, 'package.json'), '{}');
  const vsix = path.join(root, 'dockside.vsix');
  const at = (file: string, seconds: number) => fs.utimesSync(path.join(root, file), seconds, seconds);
  const inputs = ['src', 'package.json', 'media'];
  assert.equal(vsixStaleReason(root, vsix, inputs), 'dockside.vsix does not exist yet');
  fs.writeFileSync(vsix, '');
  at('src/deep/a.ts', 1_000);
  at('package.json', 1_000);
  at('dockside.vsix', 2_000);
  assert.equal(vsixStaleReason(root, vsix, inputs), undefined, 'nothing changed; a missing input (media) is no change');
  at('src/deep/a.ts', 3_000);
  assert.equal(vsixStaleReason(root, vsix, inputs), `${path.join('src', 'deep', 'a.ts')} changed since dockside.vsix was made`);
});
