import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { answering, inspectThroughCommand, liveExplorer, viewRows, waitForNoRow, waitForRow } from './explorer';
import { Created, engine, eventually, testLabels } from './support';

const networkName = () => `dockside-e2e-${randomUUID().slice(0, 8)}`;

suite('networks view and actions', () => {
  const created = new Created();
  suiteTeardown(() => created.removeAll());

  test('a labelled network created with dockerode appears with its driver; built-in networks stay hidden', async () => {
    const dockside = await liveExplorer();
    const name = networkName();
    const network = created.network(await engine().createNetwork({ Name: name, Driver: 'bridge', Internal: true, Labels: { ...testLabels } }));
    const row = await waitForRow(dockside, 'network', network.id, `network ${name}`);
    assert.deepEqual(
      { label: row.label, icon: row.icon, contextValue: row.contextValue },
      { label: name, icon: 'type-hierarchy-sub', contextValue: 'network' },
    );
    assert.match(row.description, /^bridge · local · .*internal$/);
    const names = (await viewRows(dockside, 'network')).map((candidate) => candidate.label);
    assert.ok(!names.includes('none') && !names.includes('host'), `built-in networks are hidden by default (listed: ${names.join(', ')})`);
  });

  test('create (name, driver, subnet, internal) and remove through the commands change the engine and the view', async () => {
    const dockside = await liveExplorer();
    const name = networkName();
    created.network(engine().getNetwork(name));
    const { result, asked } = await answering(dockside, { inputs: [name, ''], picks: ['bridge', 'Internal'] }, () =>
      vscode.commands.executeCommand<string>('dockside.networks.create'),
    );
    assert.equal(result, name);
    assert.deepEqual(asked.inputs, ['Network name', 'Subnet (empty: automatic)']);
    assert.deepEqual(asked.titles, ['Create Network (1/4)', 'Create Network (2/4)', 'Create Network (3/4)', 'Create Network (4/4)']);
    const inspected = await engine().getNetwork(name).inspect();
    assert.deepEqual({ name: inspected.Name, driver: inspected.Driver, internal: inspected.Internal }, { name, driver: 'bridge', internal: true });
    const row = await waitForRow(dockside, 'network', inspected.Id, `network ${name}`);
    assert.equal(row.label, name);

    const removal = await answering(dockside, { warning: 'Remove' }, () => vscode.commands.executeCommand('dockside.networks.remove', row.node));
    assert.deepEqual(removal.asked.warnings, [`Remove network "${name}"?`]);
    await waitForNoRow(dockside, 'network', name);
    await eventually(`the engine to drop ${name}`, async () =>
      (await engine().listNetworks({ filters: { id: [inspected.Id] } })).length === 0 ? true : undefined,
    );
  });

  test('a name an existing network has is refused as it is typed, before the engine is asked', async () => {
    const dockside = await liveExplorer();
    const name = networkName();
    const network = created.network(await engine().createNetwork({ Name: name, Driver: 'bridge', Internal: true, Labels: { ...testLabels } }));
    await waitForRow(dockside, 'network', network.id, `network ${name}`);
    await assert.rejects(
      answering(dockside, { inputs: [name] }, () => vscode.commands.executeCommand('dockside.networks.create')),
      new RegExp(`refused by the input box "Network name": A network named "${name}" already exists`),
    );
  });

  test('subnet, gateway and IP range are checked as typed; a valid set reaches the engine', async () => {
    const dockside = await liveExplorer();
    const name = networkName();
    const create = (inputs: string[], picks: string[]) => answering(dockside, { inputs, picks }, () => vscode.commands.executeCommand<string>('dockside.networks.create'));
    await assert.rejects(create([name, '127.231.0.0/33'], ['bridge']), /refused by the input box "Subnet \(empty: automatic\)": .*prefix length must be 0–32/);
    await assert.rejects(create([name, '127.231.0.1/16'], ['bridge']), /host bits set; did you mean 127\.231\.0\.0\/16\?/);
    await assert.rejects(create([name, '127.231.0.0/16', '127.232.0.1'], ['bridge']), /Gateway 127\.232\.0\.1 is not inside the subnet 127\.231\.0\.0\/16/);
    await assert.rejects(create([name, '127.231.0.0/16', '', '127.230.0.0/24'], ['bridge']), /IP range 127\.230\.0\.0\/24 is not inside the subnet/);
    await assert.rejects(engine().getNetwork(name).inspect(), 'nothing was created');

    created.network(engine().getNetwork(name));
    const { result, asked } = await create([name, '127.231.0.0/16', '127.231.0.254', '127.231.5.0/24'], ['bridge', 'Internal']);
    assert.equal(result, name);
    assert.deepEqual(asked.titles, [1, 2, 3, 4, 5, 6].map((step) => `Create Network (${step}/${step <= 3 ? 4 : 6})`));
    const inspected = await engine().getNetwork(name).inspect();
    assert.deepEqual(inspected.IPAM?.Config, [{ Subnet: '127.231.0.0/16', Gateway: '127.231.0.254', IPRange: '127.231.5.0/24' }]);
  });

  test('inspect opens a dockside: JSON document naming the network', async () => {
    const dockside = await liveExplorer();
    const name = networkName();
    const network = created.network(await engine().createNetwork({ Name: name, Driver: 'bridge', Internal: true, Labels: { ...testLabels } }));
    const row = await waitForRow(dockside, 'network', network.id, `network ${name}`);
    const { uri, json } = await inspectThroughCommand('dockside.networks.inspect', row.node, 'network');
    assert.equal(uri.path, `/network/${name}.json`);
    assert.deepEqual({ id: (json as { Id: string }).Id, name: (json as { Name: string }).Name }, { id: network.id, name });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
