import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { activateDockside, EXTENSION_ID } from './support';

suite('activation', () => {
  test('Dockside is loaded and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    assert.equal(extension.packageJSON.displayName, 'Dockside');
    const dockside = await activateDockside();
    assert.equal(extension.isActive, true);
    assert.equal(typeof dockside.connectEngine, 'function', 'activate() returns the Dockside root object');
  });

  test('it runs in a Node extension host, where it can reach the Docker socket', () => {
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.extensionKind, vscode.ExtensionKind.Workspace);
    assert.equal(typeof process.versions.node, 'string');
  });
});
