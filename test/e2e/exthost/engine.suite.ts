import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import type { EngineStatus } from '../../../src/engine/connection';
import { activateDockside, engine } from './support';

suite('engine', () => {
  test('Dockside connects to the local engine and reports its version (the status row of the views)', async () => {
    await activateDockside();
    const expected = await engine().version();
    const status = await vscode.commands.executeCommand<EngineStatus>('dockside.engine.retry');
    assert.deepEqual(status, { kind: 'connected', version: expected.Version, apiVersion: expected.ApiVersion });
  });

  test('the engine client Dockside exposes to commands talks to the same engine', async () => {
    const dockside = await activateDockside();
    const [ours, theirs] = await Promise.all([dockside.docker.info(), engine().info()]);
    assert.equal(ours.ID, theirs.ID);
  });
});
