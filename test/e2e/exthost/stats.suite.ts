/**
 * "Show Stats" in the extension host: the panel streams the container's stats while visible (points arrive,
 * figures of the container), closes its streams when hidden, and is gone when closed.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { liveExplorer, waitForRow } from './explorer';
import { Created, engine, eventually, TEST_IMAGE, testLabels } from './support';

suite('Show Stats through dockside.containers.showStats', () => {
  let dockside: Dockside;
  const created = new Created();

  suiteSetup(async () => {
    dockside = await liveExplorer();
  });
  suiteTeardown(() => created.removeAll());

  test('streams while visible, stops when hidden, is disposed when closed', async () => {
    const name = `dockside-e2e-stats-${Date.now().toString(36)}`;
    const container = created.container(
      await engine().createContainer({ name, Image: TEST_IMAGE, Labels: testLabels, Cmd: ['sleep', '300'], HostConfig: { NetworkMode: 'none', Memory: 96 * 1024 * 1024 } }),
    );
    await container.start();
    const row = await waitForRow(dockside, 'container', container.id, name, (candidate) => candidate.icon === 'vm-running');

    await vscode.commands.executeCommand('dockside.containers.showStats', row.node);
    const panel = await eventually('a stats panel', () => dockside.statsPanels.find((candidate) => candidate.scope.kind === 'container' && candidate.scope.id === container.id));
    assert.equal(panel.panel.title, `Stats: ${name}`);
    await eventually('three points in the history', () => (panel.history.length >= 3 ? true : undefined), 30_000);
    const point = panel.history.all().at(-1);
    assert.equal(point?.memoryLimit, 96 * 1024 * 1024);
    assert.ok((point?.pids ?? 0) >= 1);
    assert.equal(panel.streaming, true);
    assert.equal(panel.readings.watched, 1);

    const other = await vscode.workspace.openTextDocument({ content: 'hide the stats panel' });
    await vscode.window.showTextDocument(other, { viewColumn: panel.panel.viewColumn, preview: false });
    await eventually('the panel to stop streaming when hidden', () => (!panel.streaming && panel.readings.watched === 0 ? true : undefined));

    panel.panel.reveal();
    await eventually('streams again once shown', () => (panel.streaming && panel.readings.watched === 1 ? true : undefined));
    panel.panel.dispose();
    await eventually('no panel left', () => (dockside.statsPanels.length === 0 ? true : undefined));
    assert.equal(panel.readings.watched, 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
