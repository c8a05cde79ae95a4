import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { answering, inspectThroughCommand, liveExplorer, waitForNoRow, waitForRow } from './explorer';
import { Created, engine, TEST_IMAGE, testLabels } from './support';

const volumeName = () => `dockside-e2e-${randomUUID().slice(0, 8)}`;

suite('volumes view and actions', () => {
  const created = new Created();
  suiteTeardown(() => created.removeAll());

  test('a labelled volume created with dockerode appears unused; mounted by a container it shows its user', async () => {
    const dockside = await liveExplorer();
    const name = volumeName();
    await engine().createVolume({ Name: name, Labels: { ...testLabels } });
    created.volume(engine().getVolume(name));
    const row = await waitForRow(dockside, 'volume', name, `volume ${name}`);
    assert.deepEqual({ label: row.label, icon: row.icon, contextValue: row.contextValue }, { label: name, icon: 'database', contextValue: 'volume' });
    // The size joins the description once the engine's disk usage was read (at most once a minute).
    assert.match(row.description, /^local · unused( · \d+(\.\d+)? [kMG]?B)?$/);
    const user = `${name}-user`;
    created.container(
      await engine().createContainer({
        name: user,
        Image: TEST_IMAGE,
        Cmd: ['true'],
        Labels: { ...testLabels },
        HostConfig: { NetworkMode: 'none', Binds: [`${name}:/data`] },
      }),
    );
    const used = await waitForRow(dockside, 'volume', name, `volume ${name} in use`, (candidate) => candidate.contextValue === 'volumeInUse');
    assert.match(used.description, new RegExp(`^local · ${user}( · \\d+(\\.\\d+)? [kMG]?B)?$`));
    assert.equal(used.iconColor, 'charts.green');
  });

  test('create and remove through the commands change the engine and the view', async () => {
    const dockside = await liveExplorer();
    const name = volumeName();
    // Tracked before it exists, so a failing step still removes it.
    created.volume(engine().getVolume(name));
    const { result, asked } = await answering(dockside, { inputs: [name] }, () => vscode.commands.executeCommand<string>('dockside.volumes.create'));
    assert.equal(result, name);
    assert.deepEqual(asked.inputs, ['Volume name']);
    assert.equal((await engine().getVolume(name).inspect()).Name, name, 'the engine has the volume');
    const row = await waitForRow(dockside, 'volume', name, `volume ${name}`);

    const removal = await answering(dockside, { warning: 'Remove' }, () => vscode.commands.executeCommand('dockside.volumes.remove', row.node));
    assert.deepEqual(removal.asked.warnings, [`Remove volume "${name}"?`]);
    await waitForNoRow(dockside, 'volume', name);
    await assert.rejects(engine().getVolume(name).inspect(), (error: { statusCode?: number }) => error.statusCode === 404, 'the engine no longer has it');
  });

  test('a name the engine refuses is refused in the input box, and nothing is created', async () => {
    const dockside = await liveExplorer();
    await assert.rejects(
      answering(dockside, { inputs: ['-bad name'] }, () => vscode.commands.executeCommand('dockside.volumes.create')),
      /refused by the input box "Volume name"/,
    );
    await assert.rejects(engine().getVolume('-bad name').inspect());
  });

  test('a name an existing volume has is refused as it is typed, before the engine is asked', async () => {
    const dockside = await liveExplorer();
    const name = volumeName();
    await engine().createVolume({ Name: name, Labels: { ...testLabels } });
    created.volume(engine().getVolume(name));
    await waitForRow(dockside, 'volume', name, `volume ${name}`);
    await assert.rejects(
      answering(dockside, { inputs: [name] }, () => vscode.commands.executeCommand('dockside.volumes.create')),
      new RegExp(`refused by the input box "Volume name": A volume named "${name}" already exists`),
    );
  });

  test('inspect opens a dockside: JSON document naming the volume', async () => {
    const dockside = await liveExplorer();
    const name = volumeName();
    await engine().createVolume({ Name: name, Labels: { ...testLabels } });
    created.volume(engine().getVolume(name));
    const row = await waitForRow(dockside, 'volume', name, `volume ${name}`);
    const { uri, json } = await inspectThroughCommand('dockside.volumes.inspect', row.node, 'volume');
    assert.equal(uri.path, `/volume/${name}.json`);
    assert.deepEqual(
      { name: (json as { Name: string }).Name, label: (json as { Labels: Record<string, string> }).Labels['dockside.test'] },
      { name, label: '1' },
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
