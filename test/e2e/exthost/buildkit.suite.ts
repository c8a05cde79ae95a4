/**
 * "Build Image" with `dockside.build.builder` set to `buildkit` (and `dockside.build.network` to `none`: the
 * test engine has no bridge network): the fixture context is built by BuildKit, a failing RUN becomes a
 * diagnostic on its line named by BuildKit's per-stage step, and a fixed rebuild clears it.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { liveExplorer } from './explorer';
import { FAILING_RUN, FAILING_RUN_SAYS, failThenFixBuild } from './failingBuild';
import { Created, engine, workspaceFile } from './support';

suite('Build Image with BuildKit (dockside.build.builder)', () => {
  let dockside: Dockside;
  const created = new Created();
  const tag = `dockside-test/e2e-buildkit:${Date.now().toString(36)}`;
  const dockerfile = workspaceFile('build/Dockerfile');
  const settings = () => vscode.workspace.getConfiguration('dockside.build');

  suiteSetup(async () => {
    dockside = await liveExplorer();
    await settings().update('builder', 'buildkit', vscode.ConfigurationTarget.Global);
    await settings().update('network', 'none', vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await settings().update('builder', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('network', undefined, vscode.ConfigurationTarget.Global);
    await created.removeAll();
  });

  test('a failing RUN is located by its BuildKit step; the fixed rebuild is made by BuildKit and clears it', async () => {
    created.imageTag(tag);
    await failThenFixBuild(dockside, dockerfile, tag, (diagnostic) => {
      assert.deepEqual(
        [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character, diagnostic.code],
        [2, 0, 2, FAILING_RUN.length, 'exit 3'],
      );
      // BuildKit numbers FROM, COPY and RUN (not LABEL): the inserted RUN is its step 2 of 4.
      assert.match(diagnostic.message, /^Build failed at step \[2\/4\]: .*exit code: 3\n/);
      assert.equal(diagnostic.message.split('\n').at(-1), FAILING_RUN_SAYS, 'the diagnostic ends with what the command wrote to stderr');
    });
    const history = await engine().getImage(tag).history();
    assert.ok(
      history.some((layer: { CreatedBy?: string }) => /# buildkit$/.test(layer.CreatedBy ?? '')),
      `BuildKit made the image: ${history.map((layer: { CreatedBy?: string }) => layer.CreatedBy).join(' | ')}`,
    );
  });
});
