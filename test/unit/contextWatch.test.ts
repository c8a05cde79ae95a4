import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { watchedFolders } from '../../src/engines/contexts/contextWatch';
import { ContextStore } from '../../src/engines/contexts/contextStore';
import { Engines } from '../../src/engines/engines';
import { waitFor } from '../support/waitFor';

const folders: string[] = [];
after(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/** The Docker CLI, the oracle of what a context change writes; absent on some machines. */
const cli = ['/usr/local/bin/docker', '/usr/bin/docker'].find((candidate) => fs.existsSync(candidate));
const noCli = cli ? false : 'the Docker CLI is not installed';

function docker(configDir: string, ...args: string[]): void {
  // DOCKER_HOST and DOCKER_CONTEXT would override what the store says; the CLI must see only the folder.
  const env = { PATH: process.env.PATH ?? '', HOME: path.dirname(configDir), DOCKER_CONFIG: configDir };
  const result = spawnSync(cli as string, args, { env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`docker ${args.join(' ')}: ${result.stderr}`);
  }
}

test('the folders watched: the config folder, contexts, meta and each context; a missing folder from its nearest parent', () => {
  const existing = new Set(['/home/me', '/home/me/.docker', '/home/me/.docker/contexts', '/home/me/.docker/contexts/meta']);
  const isDirectory = (folder: string) => existing.has(folder) || folder === '/home' || folder === '/';
  assert.deepEqual(
    watchedFolders('/home/me/.docker', isDirectory, () => ['0ab1']),
    [
      { folder: '/home/me/.docker', names: ['config.json', 'contexts'] },
      { folder: '/home/me/.docker/contexts', names: ['meta'] },
      { folder: '/home/me/.docker/contexts/meta' },
      { folder: '/home/me/.docker/contexts/meta/0ab1' },
    ],
  );
  existing.delete('/home/me/.docker/contexts/meta');
  existing.delete('/home/me/.docker/contexts');
  assert.deepEqual(watchedFolders('/home/me/.docker', isDirectory, () => ['0ab1']), [{ folder: '/home/me/.docker', names: ['config.json', 'contexts'] }]);
  assert.deepEqual(watchedFolders('/home/me/configs/docker', isDirectory), [{ folder: '/home/me', names: ['configs'] }], 'not made yet: its parent, for the entry leading to it');
  assert.deepEqual(watchedFolders('/nowhere', () => false), [], 'nothing exists at all');
});

test('a context created, made current, updated and removed with the Docker CLI shows in the Engines view without a refresh', { skip: noCli, timeout: 60_000 }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-context-watch-'));
  folders.push(root);
  // The config folder does not exist yet: the first `docker context create` makes it.
  const configDir = path.join(root, 'later', 'docker');
  const engines = new Engines({ settings: () => [], onSyncError: () => undefined, env: { DOCKER_CONFIG: configDir }, store: new ContextStore(configDir) });
  /** What the Engines view shows each time it is told to re-read: name (current) description. */
  let shown: string[] = [];
  let reads = 0;
  engines.onDidChange(() => {
    reads++;
    shown = engines.rows().map((row) => `${row.entry.name}${row.entry.current ? ' (current)' : ''}${row.entry.description ? ` ${row.entry.description}` : ''}`);
  });
  const watch = engines.watchStore(50);
  try {
    const boxSocket = `unix://${path.join(root, 'box.sock')}`;
    docker(configDir, 'context', 'create', 'box', '--docker', `host=${boxSocket}`);
    await waitFor(() => shown, (rows) => rows.some((row) => row.startsWith('box')), 'the new context in the view');
    assert.ok(!shown.some((row) => row.startsWith('box (current)')));

    docker(configDir, 'context', 'use', 'box');
    await waitFor(() => shown, (rows) => rows.some((row) => row.startsWith('box (current)')), 'the context made current');

    docker(configDir, 'context', 'update', 'box', '--description', 'build box');
    await waitFor(() => shown, (rows) => rows.includes('box (current) build box'), 'the new description');

    docker(configDir, 'context', 'use', 'default');
    docker(configDir, 'context', 'rm', 'box');
    await waitFor(() => shown, (rows) => !rows.some((row) => row.startsWith('box')), 'the removed context gone');
    assert.ok(shown.some((row) => row.includes('(current)') && !row.startsWith('box')), `the default engine current again: ${shown.join(', ')}`);

    // The whole folder removed, then made again: still followed.
    fs.rmSync(configDir, { recursive: true, force: true });
    docker(configDir, 'context', 'create', 'again', '--docker', `host=${boxSocket}`);
    await waitFor(() => shown, (rows) => rows.some((row) => row.startsWith('again')), 'a context in a folder made again');

    // Writes elsewhere in the folder (a login, a plugin's files) are not the store's: no re-read for them.
    const before = reads;
    fs.mkdirSync(path.join(configDir, 'buildx'), { recursive: true });
    fs.writeFileSync(path.join(configDir, 'buildx', 'current'), '{}');
    fs.writeFileSync(path.join(configDir, '.token_seed'), 'x');
    // An absence cannot be polled for: six settle times without a re-read.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(reads, before, 'no re-read for files outside the store');
    docker(configDir, 'context', 'update', 'again', '--description', 'last');
    await waitFor(() => shown, (rows) => rows.includes('again last'), 'the last update');
  } finally {
    watch.dispose();
    engines.dispose();
  }
});
