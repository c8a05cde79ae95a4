import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { swarmViewId, viewIds } from '../../../src/views/viewIds';
import { activateDockside, EXTENSION_ID } from './support';

suite('views', () => {
  test('the manifest puts the Engines view, the four explorer views, then Swarm, Registries and Container Changes in the dockside container', () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes;
    assert.deepEqual(
      contributes.views.dockside.map((view: { id: string }) => view.id),
      ['dockside.engines', 'dockside.containers', 'dockside.images', 'dockside.volumes', 'dockside.networks', swarmViewId, 'dockside.registries', 'dockside.changes'],
    );
  });

  test('the workbench registered the container and each view (their focus commands exist and run)', async () => {
    await activateDockside();
    const commands = new Set(await vscode.commands.getCommands(true));
    assert.ok(commands.has('workbench.view.extension.dockside'), 'the Dockside view container is registered');
    await vscode.commands.executeCommand('workbench.view.extension.dockside');
    for (const id of ['dockside.engines', ...viewIds]) {
      assert.ok(commands.has(`${id}.focus`), `view ${id} is registered`);
      await vscode.commands.executeCommand(`${id}.focus`);
    }
  });
});
