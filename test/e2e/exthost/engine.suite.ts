import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { activateDockside, engine, eventually } from './support';

suite('engine', () => {
  test('Dockside connects to the local engine: the explorer model is connected with the engine version', async () => {
    const dockside = await activateDockside();
    await dockside.ensureExplorer();
    const expected = await engine().version();
    const state = await eventually('a connected explorer', () => (dockside.explorer.state.kind === 'connected' ? dockside.explorer.state : undefined));
    assert.deepEqual(
      { version: state.version, apiVersion: state.apiVersion },
      { version: expected.Version, apiVersion: expected.ApiVersion },
    );
  });

  test('"Retry Connecting to the Docker Engine" leaves the explorer connected to the same engine', async () => {
    const dockside = await activateDockside();
    await vscode.commands.executeCommand('dockside.engine.retry');
    const state = await eventually('a connected explorer after retry', () => (dockside.explorer.state.kind === 'connected' ? dockside.explorer.state : undefined));
    assert.equal(state.version, (await engine().version()).Version);
  });

  test('the engine client Dockside exposes to commands talks to the same engine', async () => {
    const dockside = await activateDockside();
    const [ours, theirs] = await Promise.all([dockside.docker.info(), engine().info()]);
    assert.equal(ours.ID, theirs.ID);
  });
});
