/**
 * "Run" in the extension host: the test image is run through `dockside.images.run`, every step of its
 * multi-step input answered through `dockside.prompts`; the container shows in the Containers view and
 * its inspect document shows what was asked.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { answering, inspectThroughCommand, liveExplorer, waitForRow } from './explorer';
import { Created, engine, eventually, TEST_IMAGE, testLabels } from './support';

suite('Run through dockside.images.run', () => {
  let dockside: Dockside;
  const created = new Created();

  suiteSetup(async () => {
    dockside = await liveExplorer();
  });
  suiteTeardown(() => created.removeAll());

  test('runs the test image with a name, env and a label; the container shows in the view and inspect shows the env', async () => {
    const name = `dockside-e2e-run-${Date.now().toString(36)}`;
    const image = await engine().getImage(TEST_IMAGE).inspect();
    // The wizard starts from the image's last run: a remembered run carrying the test label (labels are
    // Dockside's own, not typed by the user).
    await dockside.workflows.runMemory.remember({ image: TEST_IMAGE, ports: [], env: [], volumes: [], restart: { name: 'no' }, command: [], interactive: false, labels: testLabels });
    const answers = {
      // name, ports, environment, env file, volumes, restart policy, command
      inputs: [name, '', 'GREETING=hello "MOTTO=two words"', '', '', 'no', 'sleep 300'],
      // network, mode
      picks: ['default', 'Detached'],
    };
    const { result: containerId, asked } = await answering(dockside, answers, async () => {
      // The command waits on its "Started" notification: it is started, not awaited.
      void vscode.commands.executeCommand('dockside.images.run', { kind: 'image', id: image.Id, name: TEST_IMAGE });
      return eventually(`a running container named ${name}`, async () => {
        const [found] = await engine().listContainers({ filters: { name: [`^/${name}$`], status: ['running'] } });
        return found && created.container(engine().getContainer(found.Id)).id;
      }, 20_000);
    });
    assert.equal(asked.inputs.length, 7);
    assert.equal(asked.picks.length, 2);

    const inspected = await engine().getContainer(containerId).inspect();
    assert.equal(inspected.Config.Labels['dockside.test'], '1');
    const row = await waitForRow(dockside, 'container', containerId, name, (candidate) => candidate.icon === 'vm-running');
    assert.equal(row.label, name);

    const { json } = await inspectThroughCommand('dockside.containers.inspect', row.node, 'container');
    const shown = json as { Name: string; Config: { Env: string[]; Cmd: string[]; Labels: Record<string, string> } };
    assert.equal(shown.Name, `/${name}`);
    assert.ok(shown.Config.Env.includes('GREETING=hello'), `env shown: ${shown.Config.Env.join(' ')}`);
    assert.ok(shown.Config.Env.includes('MOTTO=two words'), `env shown: ${shown.Config.Env.join(' ')}`);
    assert.deepEqual(shown.Config.Cmd, ['sleep', '300']);
    assert.equal(shown.Config.Labels['dockside.test'], '1');
  });

  test("the name step refuses a name an existing container has, as it is typed", async () => {
    const name = `dockside-e2e-taken-${Date.now().toString(36)}`;
    const existing = created.container(await engine().createContainer({ Image: TEST_IMAGE, name, Cmd: ['true'], Labels: { ...testLabels } }));
    await waitForRow(dockside, 'container', existing.id, name);
    const image = await engine().getImage(TEST_IMAGE).inspect();
    await assert.rejects(
      answering(dockside, { inputs: [name] }, () => vscode.commands.executeCommand('dockside.images.run', { kind: 'image', id: image.Id, name: TEST_IMAGE })),
      new RegExp(`refused by the input box ".*Container name.*": A container named "${name}" already exists \\(created\\)`),
    );
  });
});
