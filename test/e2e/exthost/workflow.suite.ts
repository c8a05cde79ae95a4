/**
 * The project workflow in the real VS Code: a provided `docker-build` task run as "Run Task" runs it (its
 * terminal, its exit code, the image in the engine; a failing build fails the task and leaves its diagnostic),
 * and "Add Docker Files" on a Node project writes and opens files on which the language server reports nothing.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { answering, liveExplorer } from './explorer';
import { Created, engine, eventually, workspaceFile } from './support';

/** Runs a task as "Run Task" does and resolves with the exit code its process ended with. */
async function runTask(task: vscode.Task): Promise<number | undefined> {
  const ended = new Promise<number | undefined>((resolve) => {
    const listener = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.name === task.name && event.execution.task.definition.type === task.definition.type) {
        listener.dispose();
        resolve(event.exitCode);
      }
    });
  });
  await vscode.tasks.executeTask(task);
  return ended;
}

async function providedTask(type: string, name: string): Promise<vscode.Task> {
  const tasks = await vscode.tasks.fetchTasks({ type });
  const task = tasks.find((candidate) => candidate.name === name);
  assert.ok(task, `"${name}" among the provided ${type} tasks (${tasks.map((candidate) => candidate.name).join(', ')})`);
  return task;
}

suite('Docker tasks and Add Docker Files', function () {
  // A build and the language server's answers on a machine under load take longer than the default 30 s.
  this.timeout(120_000);
  let dockside: Dockside;
  const created = new Created();

  suiteSetup(async () => {
    dockside = await liveExplorer();
  });
  suiteTeardown(() => created.removeAll());

  test('the provided docker-build task of build/Dockerfile builds its image in a task terminal and exits 0', async () => {
    const task = await providedTask('docker-build', 'Build build/Dockerfile');
    assert.deepEqual(task.definition, { type: 'docker-build', dockerfile: 'build/Dockerfile', context: 'build', tags: ['build:latest'] });
    assert.equal(task.group?.id, vscode.TaskGroup.Build.id);
    created.imageTag('build:latest');
    assert.equal(await runTask(task), 0);
    const image = await engine().getImage('build:latest').inspect();
    assert.equal(image.Config.Labels?.['dockside.test'], '1');
    assert.ok(vscode.window.terminals.some((terminal) => terminal.name.includes('Build build/Dockerfile')), `a task terminal (terminals: ${vscode.window.terminals.map((terminal) => terminal.name).join(', ')})`);
  });

  test('a provided docker-build task that fails ends with a non-zero code and puts the failure on its Dockerfile line', async () => {
    // The workspace's root Dockerfile has "RUNN" on line 5: the builder refuses it.
    const task = await providedTask('docker-build', 'Build Dockerfile');
    const exitCode = await runTask(task);
    assert.ok(exitCode !== undefined && exitCode !== 0, `exit code ${String(exitCode)}`);
    const diagnostic = dockside.workflows.buildDiagnostics.get(workspaceFile('Dockerfile'))?.[0];
    assert.ok(diagnostic, 'a build diagnostic on the Dockerfile');
    assert.equal(diagnostic.source, 'docker build');
    assert.equal(diagnostic.range.start.line, 4);
  });

  test('Add Docker Files on a Node project asks only about Compose, writes the files, opens them, and they have no problems', async () => {
    const folder = workspaceFile('node-app');
    const { result, asked } = await answering(dockside, { picks: ['Yes'] }, () => vscode.commands.executeCommand<vscode.Uri[] | undefined>('dockside.workspace.addDockerFiles', folder));
    // npm, the start script's server.js and its port 3000 were found: only the Compose question was asked.
    assert.deepEqual(asked.titles, ['Add Docker Files (Node.js): add a compose.yaml?']);
    assert.deepEqual(result?.map((uri) => uri.path.split('/').pop()), ['Dockerfile', '.dockerignore', 'compose.yaml']);
    for (const uri of result ?? []) {
      assert.ok(
        vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString())),
        `${uri.path} is open`,
      );
    }
    const dockerfile = vscode.Uri.joinPath(folder, 'Dockerfile');
    const text = (await vscode.workspace.openTextDocument(dockerfile)).getText();
    assert.match(text, /^FROM node:\S+ AS build$/m);
    assert.match(text, /^EXPOSE 3000$/m);
    assert.match(text, /^CMD \["node", "server\.js"\]$/m);
    // "No problems" is the server's answer, not its silence: a problem made on purpose shows, and goes once undone.
    for (const [uri, breakage] of [
      [dockerfile, 'FROM node\n'],
      [vscode.Uri.joinPath(folder, 'compose.yaml'), 'volumes: 3\n'],
    ] as const) {
      const document = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(document.lineCount - 1, 0), breakage);
      assert.ok(await vscode.workspace.applyEdit(edit));
      await eventually(`a problem in ${uri.path} once broken`, () => (vscode.languages.getDiagnostics(uri).length > 0 ? true : undefined), 20_000);
      const undo = new vscode.WorkspaceEdit();
      undo.delete(uri, new vscode.Range(document.lineCount - 2, 0, document.lineCount - 1, 0));
      assert.ok(await vscode.workspace.applyEdit(undo));
      await eventually(`no problem in ${uri.path} as generated (${vscode.languages.getDiagnostics(uri).map((d) => d.message).join('; ')})`, () => (vscode.languages.getDiagnostics(uri).length === 0 ? true : undefined), 20_000);
      assert.equal(document.getText().includes(breakage), false);
      await document.save();
    }
  });

  test('Add Docker Files again replaces nothing without asking; "Keep Mine" keeps every file as it is', async () => {
    const folder = workspaceFile('node-app');
    const dockerfile = vscode.Uri.joinPath(folder, 'Dockerfile');
    const mine = '# my own Dockerfile\nFROM dockside-test/busybox:1\n';
    await vscode.workspace.fs.writeFile(dockerfile, new TextEncoder().encode(mine));
    const { result, asked } = await answering(dockside, { picks: ['Yes'], warning: 'Keep Mine' }, () => vscode.commands.executeCommand<vscode.Uri[] | undefined>('dockside.workspace.addDockerFiles', folder));
    assert.deepEqual(asked.warnings, ['Dockerfile already exists in this folder.', '.dockerignore already exists in this folder.', 'compose.yaml already exists in this folder.']);
    assert.deepEqual(result, []);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(dockerfile)), mine);
  });
});
