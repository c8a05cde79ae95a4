/**
 * "Show Logs" in the extension host: `dockside.containers.logs` opens a terminal named for the container.
 * VS Code's API cannot read a terminal's text, so the lines are read from the same log core the command
 * puts in that terminal (ContainerLogsTerminal), driven here as VS Code drives a Pseudoterminal.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { ContainerLogsTerminal } from '../../../src/logs/logsTerminal';
import { liveExplorer, waitForRow } from './explorer';
import { Created, engine, eventually, TEST_IMAGE, testLabels } from './support';

suite('Show Logs through dockside.containers.logs', () => {
  let dockside: Dockside;
  const created = new Created();

  suiteSetup(async () => {
    dockside = await liveExplorer();
  });
  suiteTeardown(() => created.removeAll());

  test('opens a terminal named for the container, whose log core shows each line once, stdout in order and stderr in red', async () => {
    const name = `dockside-e2e-logs-${Date.now().toString(36)}`;
    const container = created.container(
      await engine().createContainer({
        name,
        Image: TEST_IMAGE,
        Labels: testLabels,
        Cmd: ['sh', '-c', 'echo first line; echo second line >&2; echo third line; sleep 300'],
        HostConfig: { NetworkMode: 'none' },
      }),
    );
    await container.start();
    const row = await waitForRow(dockside, 'container', container.id, name, (candidate) => candidate.icon === 'vm-running');

    await vscode.commands.executeCommand('dockside.containers.logs', row.node);
    const terminal = await eventually(`a terminal "Logs: ${name}"`, () => vscode.window.terminals.find((candidate) => candidate.name === `Logs: ${name}`));

    const core = new ContainerLogsTerminal(engine(), container.id, { tail: 100, showTimestamps: false });
    let text = '';
    const writes = core.onDidWrite((chunk) => (text += chunk));
    try {
      core.open(undefined);
      // eslint-disable-next-line no-control-regex
      const plain = () => text.replace(/\x1b\[[0-9;]*m/g, '');
      await eventually('the three log lines', () => (plain().includes('third line') ? true : undefined));
      // Order holds within a stream; the engine reads stdout and stderr apart, so not across them.
      const lines = plain().split('\r\n');
      assert.deepEqual(
        lines.filter((line) => line === 'first line' || line === 'third line'),
        ['first line', 'third line'],
      );
      assert.deepEqual(
        lines.filter((line) => line.endsWith(' line')).sort(),
        ['first line', 'second line', 'third line'],
        'each line once',
      );
      assert.ok(text.includes('\x1b[31msecond line'), 'the stderr line is shown in red');
    } finally {
      writes.dispose();
      core.close();
      terminal.dispose();
    }
  });
});
