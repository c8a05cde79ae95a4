/**
 * Compose as a user meets it in the real VS Code: a Compose file with a schema mistake is squiggled, a key is
 * completed, the "▶ Up" code lens brings the project up with the Compose CLI, the Containers view shows it, hover
 * on the service shows its state in the engine, a failing run puts a diagnostic on the line Compose names, and
 * Down (confirmed) removes the project.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { RunResult } from '../../../src/compose/runner';
import type { Dockside } from '../../../src/dockside';
import { misspeltComposeFile, removeComposeProject } from '../../support/composeProject';
import { answering, liveExplorer, viewRows } from './explorer';
import { engine, eventually, workspaceFile } from './support';

const folderName = `compose-e2e-${process.pid}`;
const project = folderName;

function projectContainers() {
  return engine().listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
}

suite('Compose files: squiggles, completion, the Up code lens, the project in the explorer, Down', () => {
  let dockside: Dockside;
  let document: vscode.TextDocument;
  const file = () => workspaceFile(`${folderName}/compose.yaml`);

  suiteSetup(async () => {
    dockside = await liveExplorer();
    await vscode.workspace.fs.writeFile(file(), Buffer.from(misspeltComposeFile));
    document = await vscode.workspace.openTextDocument(file());
    await vscode.window.showTextDocument(document);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeComposeProject(engine(), project);
    fs.rmSync(workspaceFile(folderName).fsPath, { recursive: true, force: true });
  });

  test('the unknown key is squiggled with the closest valid key', async () => {
    assert.equal(document.languageId, 'dockercompose');
    const diagnostic = await eventually('a Compose diagnostic on restrat', () =>
      vscode.languages.getDiagnostics(document.uri).find((entry) => entry.source === 'dockside-compose' && entry.range.start.line === 8),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([diagnostic.range.start.character, diagnostic.range.end.character], [4, 11]);
    assert.match(diagnostic.message, /restart/);
  });

  test('completing the key fixes the file', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const line = document.lineAt(8);
    await editor.edit((edit) => edit.replace(line.range, '    rest'));
    const position = new vscode.Position(8, 8);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    const restart = list.items.find((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'restart');
    assert.ok(restart, `restart is offered among ${list.items.length} items`);
    const inserted = typeof restart.insertText === 'string' ? restart.insertText : (restart.insertText?.value ?? 'restart');
    const range = restart.range instanceof vscode.Range ? restart.range : (restart.range?.replacing ?? new vscode.Range(8, 4, 8, 8));
    await editor.insertSnippet(new vscode.SnippetString(inserted.includes(':') ? inserted : `${inserted}: `), range);
    await editor.edit((edit) => edit.replace(document.lineAt(8).range, document.lineAt(8).text.replace(/:\s*.*$/, ': always')));
    assert.equal(document.lineAt(8).text, '    restart: always');
    await document.save();
    await eventually('no Compose error left', () =>
      vscode.languages.getDiagnostics(document.uri).some((entry) => entry.severity === vscode.DiagnosticSeverity.Error) ? undefined : true,
    );
  });

  test('the "▶ Up" code lens brings the project up and the Containers view shows it', async () => {
    const lenses = await eventually('the Up code lens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      return found?.some((lens) => lens.command?.title === '▶ Up') ? found : undefined;
    });
    const up = lenses.find((lens) => lens.command?.title === '▶ Up')!.command!;
    assert.equal(up.command, 'dockside.compose.up');
    const result = await vscode.commands.executeCommand<RunResult>(up.command, ...(up.arguments ?? []));
    assert.equal(result?.exitCode, 0, result?.output);

    const projectRow = await eventually(
      `the project ${project} in the Containers view`,
      async () => (await viewRows(dockside, 'container')).find((row) => row.node.kind === 'composeProject' && row.node.id === project && row.contextValue === 'composeProjectRunning'),
      30_000,
    );
    assert.equal(projectRow.description, 'running');
    const rows = await viewRows(dockside, 'container');
    const web = rows.find((row) => row.label === 'web' && row.node.kind === 'container');
    assert.equal(web?.contextValue, 'containerRunning.composeService');
  });

  test('hover on the service shows its state in the engine', async () => {
    const hovers = await eventually('an engine hover on web', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(1, 3));
      const texts = found.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)));
      return texts.some((value) => value.includes('1 of 1 running')) ? texts : undefined;
    });
    assert.ok(hovers.some((value) => value.startsWith(`**web** · Compose project \`${project}\` · 1 of 1 running`)), hovers.join('\n---\n'));
  });

  test('Stop on the project row and its service row selected together stops the project; Up on the project row brings it back', async () => {
    const rows = await viewRows(dockside, 'container');
    const projectNode = rows.find((row) => row.node.kind === 'composeProject' && row.node.id === project)?.node;
    const webNode = rows.find((row) => row.label === 'web' && row.node.kind === 'container')?.node;
    assert.ok(projectNode && webNode, 'the project and its service in the view');
    // VS Code passes the clicked row, then the whole selection.
    const stopped = await vscode.commands.executeCommand<RunResult>('dockside.compose.stop', webNode, [webNode, projectNode]);
    assert.equal(stopped?.exitCode, 0, stopped?.output);
    assert.deepEqual((await projectContainers()).map((container) => container.State), ['exited']);
    await eventually('the project row says stopped', async () =>
      (await viewRows(dockside, 'container')).find((row) => row.node.kind === 'composeProject' && row.node.id === project && row.description === 'stopped'),
    );
    const up = await vscode.commands.executeCommand<RunResult>('dockside.compose.up', projectNode);
    assert.equal(up?.exitCode, 0, up?.output);
    assert.deepEqual((await projectContainers()).map((container) => container.State), ['running']);
  });

  test('a run that fails ends with the exit code and a diagnostic on the line Compose names; the next success clears it', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const good = document.getText();
    await editor.edit((edit) => edit.insert(new vscode.Position(3, 0), '   bad: [\n'));
    await document.save();
    const failed = await vscode.commands.executeCommand<RunResult>('dockside.compose.up', document.uri);
    assert.notEqual(failed?.exitCode, 0);
    const located = vscode.languages.getDiagnostics(document.uri).filter((entry) => entry.source === 'docker compose');
    assert.equal(located.length, 1, failed?.output);
    assert.equal(located[0].range.start.line, 3, located[0].message);

    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, document.lineCount, 0), good));
    await document.save();
    const restarted = await vscode.commands.executeCommand<RunResult>('dockside.compose.restart', document.uri);
    assert.equal(restarted?.exitCode, 0, restarted?.output);
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri).filter((entry) => entry.source === 'docker compose'), []);
  });

  test('Down, confirmed, removes the project', async () => {
    const { result, asked } = await answering(dockside, { picks: ['Remove volumes'], warning: 'Down' }, () =>
      vscode.commands.executeCommand<RunResult>('dockside.compose.down', document.uri),
    );
    assert.deepEqual(asked.warnings, [`Take down Compose project "${project}"?`]);
    assert.match(asked.warningDetails[0], new RegExp(`its container \\(${project}[_-]web[_-]1\\)`));
    assert.equal(result?.exitCode, 0, result?.output);
    assert.deepEqual(await projectContainers(), []);
    await eventually('the project gone from the view', async () =>
      (await viewRows(dockside, 'container')).some((row) => row.node.kind === 'composeProject' && row.node.id === project) ? undefined : true,
    );
  });
});
