/**
 * A container's files in the real editor: the Files row of a running container lists its folders, a file opens
 * from its row in a normal editor, an edit saved there is what `cat` in the container prints, and a save over a
 * change made in the container meanwhile is refused (the editor then offers compare/overwrite).
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { Dockside } from '../../../src/dockside';
import type { ExplorerNode } from '../../../src/explorer/nodes';
import { execOutput } from '../../support/filesImage';
import { answering, liveExplorer, waitForRow } from './explorer';
import { Created, engine, eventually, TEST_IMAGE, testLabels } from './support';

suite('Files of a container in the editor', () => {
  let dockside: Dockside;
  let container: Docker.Container;
  const created = new Created();

  const tree = () => {
    const provider = dockside.views.providers.find((candidate) => candidate.view === 'container');
    assert.ok(provider, 'the Containers view has a provider');
    return provider;
  };
  const childNamed = async (parent: ExplorerNode, label: string): Promise<ExplorerNode> =>
    eventually(`a row "${label}" under "${parent.label}"`, async () => (await tree().getChildren(parent)).find((node) => node.label === label));

  suiteSetup(async () => {
    dockside = await liveExplorer();
    const name = `dockside-e2e-files-${Date.now().toString(36)}`;
    container = created.container(
      await engine().createContainer({
        name,
        Image: TEST_IMAGE,
        Labels: testLabels,
        Cmd: ['sh', '-c', 'mkdir -p /srv && echo "greeting=hello" > /srv/app.conf && sleep 300'],
        HostConfig: { NetworkMode: 'none' },
      }),
    );
    await container.start();
    await eventually('the file written by the container', async () => ((await execOutput(engine(), container.id, ['cat', '/srv/app.conf']).catch(() => '')) ? true : undefined));
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await created.removeAll();
  });

  test('opens a file from the Files row, and a saved edit is what cat in the container prints', async () => {
    const row = await waitForRow(dockside, 'container', container.id, 'the files container', (candidate) => candidate.icon === 'vm-running');
    const item = await tree().getTreeItem(row.node);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'a container row expands');
    const files = await childNamed(row.node, 'Files');
    const srv = await childNamed(files, 'srv');
    const rootLabels = (await tree().getChildren(files)).map((node) => node.label);
    assert.deepEqual(rootLabels.slice(0, 3), ['bin', 'dev', 'etc'], 'folders first, by name');
    const file = await childNamed(srv, 'app.conf');
    const fileItem = await tree().getTreeItem(file);
    assert.equal(fileItem.command?.command, 'vscode.open');
    assert.equal(fileItem.resourceUri?.scheme, 'dockside-container');

    await vscode.commands.executeCommand(fileItem.command.command, ...(fileItem.command.arguments ?? []));
    const editor = await eventually('the file open in an editor', () =>
      vscode.window.activeTextEditor?.document.uri.toString() === fileItem.resourceUri?.toString() ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(editor.document.getText(), 'greeting=hello\n');
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 9, 0, 14), 'edited in the editor'));
    assert.equal(await editor.document.save(), true, 'the save succeeds');
    assert.equal(await execOutput(engine(), container.id, ['cat', '/srv/app.conf']), 'greeting=edited in the editor\n');
  });

  test('a save over a change made in the container meanwhile is refused as a conflict, and the change is kept', async () => {
    const uri = vscode.Uri.parse(`dockside-container://${dockside.engineAuthority}/${container.id}/srv/app.conf`);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await execOutput(engine(), container.id, ['sh', '-c', 'echo "changed=in the container" > /srv/app.conf']);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# local edit\n'));
    assert.equal(await document.save(), false, 'the save is refused');
    assert.equal(document.isDirty, true, 'the edit is kept in the editor');
    assert.equal(await execOutput(engine(), container.id, ['cat', '/srv/app.conf']), 'changed=in the container\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Go to File in Container lists the files below the Files row and opens the picked one', async () => {
    const row = await waitForRow(dockside, 'container', container.id, 'the files container');
    const files = await childNamed(row.node, 'Files');
    const { result, asked } = await answering(dockside, { picks: ['app.conf'] }, () => vscode.commands.executeCommand<vscode.Uri | undefined>('dockside.files.goToFile', files));
    assert.match(asked.titles[0], /^Go to File in /);
    const expected = `dockside-container://${dockside.engineAuthority}/${container.id}/srv/app.conf`;
    assert.equal(result?.toString(), expected);
    await eventually('the picked file in the active editor', () => (vscode.window.activeTextEditor?.document.uri.toString() === expected ? true : undefined));
  });

  test('Find in Container Files opens the matching file at the line, the match selected', async () => {
    await execOutput(engine(), container.id, ['sh', '-c', 'printf "first\nport = 8080\n" > /srv/ports.conf']);
    const srv = vscode.Uri.parse(`dockside-container://${dockside.engineAuthority}/${container.id}/srv`);
    const { result } = await answering(dockside, { inputs: ['8080'], picks: ['ports.conf:2'] }, () => vscode.commands.executeCommand<vscode.Uri | undefined>('dockside.files.findInFiles', srv));
    assert.equal(result?.path, `/${container.id}/srv/ports.conf`);
    const editor = await eventually('the file open at the match', () => (vscode.window.activeTextEditor?.document.uri.toString() === result?.toString() ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.getText(editor.selection), '8080');
    assert.equal(editor.selection.start.line, 1);
  });

  test('the real Go to File quick pick fills from the archive and Enter opens its first row', async () => {
    await execOutput(engine(), container.id, ['sh', '-c', 'mkdir -p /srv/only && echo one > /srv/only/single.txt']);
    const folder = vscode.Uri.parse(`dockside-container://${dockside.engineAuthority}/${container.id}/srv/only`);
    const opened = vscode.commands.executeCommand<vscode.Uri | undefined>('dockside.files.goToFile', folder);
    let settled = false;
    void opened.then(() => (settled = true));
    // Enter does nothing until the row has arrived; press it until the command is done.
    await eventually('the quick pick accepting its row', async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled ? true : undefined;
    });
    assert.equal((await opened)?.path, `/${container.id}/srv/only/single.txt`);
    assert.equal(vscode.window.activeTextEditor?.document.getText(), 'one\n');
  });
});
