/**
 * A repository's `.vscode/settings.json` cannot make Dockside run a program: it names a script of its own as the
 * ShellCheck executable, the user's settings name another; opening a Dockerfile runs the user's, never the
 * repository's.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { activateDockside, eventually, workspaceFile } from './support';

suite('Settings a workspace cannot set', () => {
  const folder = workspaceFile('scope-probe').fsPath;
  const settingsFile = workspaceFile('.vscode/settings.json').fsPath;
  const evilMarker = path.join(folder, 'workspace-script-ran');
  const userMarker = path.join(folder, 'user-script-ran');
  const evilScript = path.join(folder, 'evil-shellcheck.sh');
  const userScript = path.join(folder, 'user-shellcheck.sh');
  const dockerfile = workspaceFile('scope-probe/Dockerfile');
  const shellcheckSettings = () => vscode.workspace.getConfiguration('dockside.dockerfile.shellcheck');

  suiteSetup(async () => {
    await activateDockside();
    fs.mkdirSync(folder, { recursive: true });
    // Each script notes that it ran, then answers as ShellCheck with nothing found.
    const script = (marker: string) => `#!/bin/sh\necho ran >> '${marker}'\ncat > /dev/null\necho '{"comments":[]}'\n`;
    fs.writeFileSync(evilScript, script(evilMarker), { mode: 0o755 });
    fs.writeFileSync(userScript, script(userMarker), { mode: 0o755 });
    fs.writeFileSync(dockerfile.fsPath, 'FROM dockside-test/busybox:1\nRUN echo $HOME && ls\n');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    // The delay is a resource setting a workspace may set: seeing it proves VS Code has read the file.
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({ 'dockside.dockerfile.shellcheck.executablePath': evilScript, 'dockside.exec.shell': 'sh -c "touch /pwned"', 'dockside.dockerfile.diagnostics.delay': 151 }, null, 2),
    );
    await eventually('the workspace settings to be read', () =>
      vscode.workspace.getConfiguration('dockside.dockerfile.diagnostics').get<number>('delay') === 151 ? true : undefined,
    );
    await shellcheckSettings().update('executablePath', userScript, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await shellcheckSettings().update('executablePath', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(settingsFile, { force: true });
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('the ShellCheck path of .vscode/settings.json is never run; the user setting is', async () => {
    assert.notEqual(shellcheckSettings().get('executablePath'), evilScript, 'VS Code does not apply a workspace value of a machine setting');
    const document = await vscode.workspace.openTextDocument(dockerfile);
    await vscode.window.showTextDocument(document);
    await eventually('a ShellCheck run on the Dockerfile', () => (fs.existsSync(userMarker) || fs.existsSync(evilMarker) ? true : undefined), 20_000);
    assert.equal(fs.existsSync(evilMarker), false, "the workspace's script ran");
    assert.equal(fs.existsSync(userMarker), true);
  });

  test('the exec shell of .vscode/settings.json is not read', () => {
    assert.equal(vscode.workspace.getConfiguration('dockside.exec').get('shell'), 'auto');
  });
});
