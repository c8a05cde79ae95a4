import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { waitFor } from '../../support/waitFor';
import { answering, inspectThroughCommand, liveExplorer, Row, waitForNoRow, waitForRow } from './explorer';
import { Created, engine, TEST_IMAGE, testLabels } from './support';

/** A labelled container that stops at once (SIGKILL as its stop signal: busybox sleep as PID 1 ignores SIGTERM). */
async function createTestContainer(created: Created, name: string) {
  return created.container(
    await engine().createContainer({
      name,
      Image: TEST_IMAGE,
      Cmd: ['sleep', '300'],
      Labels: { ...testLabels },
      StopSignal: 'SIGKILL',
      HostConfig: { NetworkMode: 'none' },
    }),
  );
}

async function engineState(id: string): Promise<string> {
  return (await engine().getContainer(id).inspect()).State.Status;
}

const shape = (row: Row) => ({ label: row.label, icon: row.icon, iconColor: row.iconColor, contextValue: row.contextValue });

suite('containers view and actions', () => {
  const created = new Created();
  suiteTeardown(() => created.removeAll());

  test('a labelled container created with dockerode appears with its name, image, state icon and context value', async () => {
    const dockside = await liveExplorer();
    const name = `dockside-e2e-${randomUUID().slice(0, 8)}`;
    const container = await createTestContainer(created, name);
    const row = await waitForRow(dockside, 'container', container.id, `container ${name}`);
    assert.deepEqual(shape(row), { label: name, icon: 'vm-outline', iconColor: 'charts.blue', contextValue: 'containerCreated' });
    assert.match(row.description, new RegExp(`^${TEST_IMAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · Created$`));
  });

  test('start, pause, unpause, stop and remove through the commands change the engine and the row', async () => {
    const dockside = await liveExplorer();
    const name = `dockside-e2e-${randomUUID().slice(0, 8)}`;
    const container = await createTestContainer(created, name);
    let row = await waitForRow(dockside, 'container', container.id, `container ${name}`);

    const steps = [
      { command: 'dockside.containers.start', engine: 'running', row: { icon: 'vm-running', iconColor: 'charts.green', contextValue: 'containerRunning' } },
      { command: 'dockside.containers.pause', engine: 'paused', row: { icon: 'debug-pause', iconColor: 'charts.yellow', contextValue: 'containerPaused' } },
      { command: 'dockside.containers.unpause', engine: 'running', row: { icon: 'vm-running', iconColor: 'charts.green', contextValue: 'containerRunning' } },
      { command: 'dockside.containers.stop', engine: 'exited', row: { icon: 'vm-outline', iconColor: undefined, contextValue: 'containerExited' } },
    ];
    for (const step of steps) {
      const done = await vscode.commands.executeCommand<Array<{ id: string }>>(step.command, row.node);
      assert.deepEqual(done.map((node) => node.id), [container.id], `${step.command} reports the container done`);
      // Engine 20.10 answers pause and unpause before its own state follows (it is set on containerd's event).
      await waitFor(() => engineState(container.id), (state) => state === step.engine, `the engine to say ${step.engine} after ${step.command}`, 5_000);
      row = await waitForRow(dockside, 'container', container.id, `${name} ${step.engine}`, (candidate) => candidate.contextValue === step.row.contextValue);
      assert.deepEqual(shape(row), { label: name, ...step.row }, `the row after ${step.command}`);
    }

    const { asked } = await answering(dockside, { warning: 'Remove' }, () => vscode.commands.executeCommand('dockside.containers.remove', row.node));
    assert.deepEqual(asked.warnings, [`Remove container "${name}"?`], 'the confirmation names exactly the container');
    await waitForNoRow(dockside, 'container', container.id);
    await assert.rejects(container.inspect(), (error: { statusCode?: number }) => error.statusCode === 404, 'the engine no longer has it');
  });

  test('remove answered with Cancel keeps the container in the engine and the view', async () => {
    const dockside = await liveExplorer();
    const name = `dockside-e2e-${randomUUID().slice(0, 8)}`;
    const container = await createTestContainer(created, name);
    const row = await waitForRow(dockside, 'container', container.id, `container ${name}`);
    // Cancel (or Escape) on the modal resolves undefined.
    const saved = dockside.prompts.warning;
    dockside.prompts.warning = async () => undefined;
    try {
      const done = await vscode.commands.executeCommand<unknown[]>('dockside.containers.remove', row.node);
      assert.deepEqual(done, []);
    } finally {
      dockside.prompts.warning = saved;
    }
    assert.equal(await engineState(container.id), 'created');
    await waitForRow(dockside, 'container', container.id, `${name} still listed`);
  });

  test('inspect opens a dockside: JSON document naming the container', async () => {
    const dockside = await liveExplorer();
    const name = `dockside-e2e-${randomUUID().slice(0, 8)}`;
    const container = await createTestContainer(created, name);
    const row = await waitForRow(dockside, 'container', container.id, `container ${name}`);
    const { uri, json } = await inspectThroughCommand('dockside.containers.inspect', row.node, 'container');
    assert.equal(uri.path, `/container/${name}.json`);
    const inspected = json as { Id: string; Name: string; Config: { Image: string; Labels: Record<string, string> } };
    assert.deepEqual(
      { id: inspected.Id, name: inspected.Name, image: inspected.Config.Image, label: inspected.Config.Labels['dockside.test'] },
      { id: container.id, name: `/${name}`, image: TEST_IMAGE, label: '1' },
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a container started outside the editor shows as running (the model follows the engine events)', async () => {
    const dockside = await liveExplorer();
    const name = `dockside-e2e-${randomUUID().slice(0, 8)}`;
    const container = await createTestContainer(created, name);
    const seen: string[] = [];
    const subscription = dockside.events.onContainerEvent((event) => {
      if (event.Actor?.ID === container.id) {
        seen.push(event.Action);
      }
    });
    try {
      await waitForRow(dockside, 'container', container.id, `container ${name}`);
      await container.start();
      const row = await waitForRow(dockside, 'container', container.id, `${name} running`, (candidate) => candidate.contextValue === 'containerRunning');
      assert.equal(row.icon, 'vm-running');
      assert.ok(seen.includes('start'), `the event hub passed on the start event (saw: ${seen.join(', ')})`);
    } finally {
      subscription.dispose();
    }
  });

  test('a slow stop says "Stopping…" on the row while the engine waits, then shows the container exited', async () => {
    const dockside = await liveExplorer();
    const name = `dockside-e2e-${randomUUID().slice(0, 8)}`;
    // busybox sleep as PID 1 ignores SIGTERM: the stop waits out its 3 s timeout before SIGKILL.
    const container = created.container(
      await engine().createContainer({ name, Image: TEST_IMAGE, Cmd: ['sleep', '300'], Labels: { ...testLabels }, StopTimeout: 3, HostConfig: { NetworkMode: 'none' } }),
    );
    await container.start();
    const row = await waitForRow(dockside, 'container', container.id, `${name} running`, (candidate) => candidate.contextValue === 'containerRunning');
    const stopping = vscode.commands.executeCommand<Array<{ id: string }>>('dockside.containers.stop', row.node);
    const during = await waitForRow(dockside, 'container', container.id, `${name} stopping`, (candidate) => candidate.description === 'Stopping…');
    assert.equal(during.icon, 'loading~spin');
    assert.equal(await engineState(container.id), 'running', 'the row said so while the engine was still stopping it');
    const done = await stopping;
    assert.deepEqual(done.map((node) => node.id), [container.id]);
    const after = await waitForRow(dockside, 'container', container.id, `${name} exited`, (candidate) => candidate.contextValue === 'containerExited');
    assert.notEqual(after.description, 'Stopping…');
    assert.notEqual(after.icon, 'loading~spin');
  });
});
