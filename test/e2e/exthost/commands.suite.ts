import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/commands/ids';
import { activateDockside, eventually, EXTENSION_ID } from './support';

suite('commands', () => {
  test('every command package.json declares is registered in the extension host', async () => {
    await activateDockside();
    const declared: string[] = vscode.extensions
      .getExtension(EXTENSION_ID)
      ?.packageJSON.contributes.commands.map((command: { command: string }) => command.command);
    assert.deepEqual([...declared].sort(), [...commandIds].sort());
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      declared.filter((id) => !registered.has(id)),
      [],
      'declared commands missing from the extension host',
    );
  });

  test('after "Restart the Dockerfile Language Server" a new Dockerfile still gets diagnostics', async () => {
    await activateDockside();
    await vscode.commands.executeCommand('dockside.languageServer.restart');
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM scratch\nRUNN true\n' });
    const messages = await eventually('diagnostics from the restarted server', () => {
      const found = vscode.languages.getDiagnostics(document.uri).map((diagnostic) => diagnostic.message);
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(messages, ['Unknown instruction: RUNN']);
  });
});
