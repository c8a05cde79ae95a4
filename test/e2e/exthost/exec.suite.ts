/**
 * "Open Shell" in the extension host: `dockside.containers.exec` on a running labelled container opens a
 * terminal named for it, and the engine runs the shell it chose (sh: the test image has no bash).
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { liveExplorer, waitForRow } from './explorer';
import { Created, engine, eventually, TEST_IMAGE, testLabels } from './support';

suite('Open Shell through dockside.containers.exec', () => {
  let dockside: Dockside;
  const created = new Created();

  suiteSetup(async () => {
    dockside = await liveExplorer();
  });
  suiteTeardown(() => created.removeAll());

  test('opens a terminal named for a running container, with an sh exec running in it', async () => {
    const name = `dockside-e2e-exec-${Date.now().toString(36)}`;
    const container = created.container(
      await engine().createContainer({ name, Image: TEST_IMAGE, Labels: testLabels, Cmd: ['sleep', '300'], HostConfig: { NetworkMode: 'none' } }),
    );
    await container.start();
    const row = await waitForRow(dockside, 'container', container.id, name, (candidate) => candidate.icon === 'vm-running');

    await vscode.commands.executeCommand('dockside.containers.exec', row.node);
    const terminal = await eventually(`a terminal "Exec: ${name}"`, () => vscode.window.terminals.find((candidate) => candidate.name === `Exec: ${name}`));
    try {
      const shell = await eventually('a running exec in the container', async () => {
        for (const id of (await container.inspect()).ExecIDs ?? []) {
          const exec = await engine().getExec(id).inspect();
          if (exec.Running && exec.ProcessConfig.tty) {
            return exec.ProcessConfig;
          }
        }
        return undefined;
      });
      assert.match(shell.entrypoint, /(^|\/)sh$/, `the shell is sh (ran ${shell.entrypoint} ${shell.arguments.join(' ')})`);
    } finally {
      terminal.dispose();
    }
  });
});
