/**
 * "Run" in the extension host: the test image is run through `dockside.images.run`, every step of its
 * multi-step input answered through `dockside.prompts`; the container shows in the Containers view and
 * its inspect document shows what was asked.
 */
import assert from 'node:assert/strict';
import type { Container } from 'dockerode';
import * as net from 'node:net';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import type { RunSpec } from '../../../src/run/runSpec';
import { answering, inspectThroughCommand, liveExplorer, waitForRow } from './explorer';
import { Created, engine, eventually, TEST_IMAGE, testLabels, workspaceFile } from './support';

/** A port on 127.0.0.1 free at the moment, with the one after it free too (the test publishes both). */
async function twoFreePorts(): Promise<number> {
  const bindable = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    if ((await bindable(port)) && (await bindable(port + 1))) return port;
  }
}

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
      // name, ports, environment (HOME passed through); behind "More options…": volumes (relative to the
      // workspace folder), command, labels
      inputs: [name, '', 'GREETING=hello "MOTTO=two words" HOME', './build:/ctx:ro', 'sleep 300', 'dockside.test=1 com.example.role=e2e'],
      // run or more options, then env file, network, restart policy, mode
      picks: ['More options…', 'None', 'default', 'unless-stopped', 'Detached'],
    };
    const { result: containerId, asked } = await answering(dockside, answers, async (asking) => {
      const done = vscode.commands.executeCommand('dockside.images.run', { kind: 'image', id: image.Id, name: TEST_IMAGE });
      const id = await eventually(`a running container named ${name}`, async () => {
        const [found] = await engine().listContainers({ filters: { name: [`^/${name}$`], status: ['running'] } });
        return found && created.container(engine().getContainer(found.Id)).id;
      }, 20_000);
      await done;
      assert.deepEqual(asking.informations, [`Started ${name} from ${TEST_IMAGE}.`]);
      return id;
    });
    assert.equal(asked.inputs.length, 6);
    assert.equal(asked.picks.length, 5);
    // Four steps until "More options…" unfolds the seven others.
    const counters = [...asked.inputs, ...asked.picks].map((question) => / \((\d+\/\d+)\)/.exec(question)?.[1]).sort();
    assert.deepEqual(counters, ['1/4', '10/11', '11/11', '2/4', '3/4', '4/4', '5/11', '6/11', '7/11', '8/11', '9/11']);
    const details = await engine().getContainer(containerId).inspect();
    assert.deepEqual(details.HostConfig.Binds, [`${workspaceFile('build').fsPath}:/ctx:ro`]);
    assert.equal(details.HostConfig.RestartPolicy?.Name, 'unless-stopped');
    assert.ok(details.Config.Env.includes(`HOME=${process.env.HOME}`), `HOME passed through: ${details.Config.Env.join(' ')}`);
    assert.equal(details.Config.Labels['com.example.role'], 'e2e');

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

  test('"Run Detached" after the first three steps runs with the folded options as last remembered', async () => {
    const name = `dockside-e2e-folded-${Date.now().toString(36)}`;
    const image = await engine().getImage(TEST_IMAGE).inspect();
    await dockside.workflows.runMemory.remember({ image: TEST_IMAGE, ports: [], env: [], volumes: [], network: 'none', restart: { name: 'no' }, command: ['sleep', '301'], interactive: false, labels: testLabels });
    created.container(engine().getContainer(name));
    const { asked } = await answering(dockside, { inputs: [name, '', ''], picks: ['Run Detached'] }, () =>
      vscode.commands.executeCommand('dockside.images.run', { kind: 'image', id: image.Id, name: TEST_IMAGE }),
    );
    assert.deepEqual(asked.picks, [`Run ${TEST_IMAGE} (4/4)`]);
    assert.deepEqual(asked.informations, [`Started ${name} from ${TEST_IMAGE}.`]);
    const inspected = await engine().getContainer(name).inspect();
    assert.deepEqual(inspected.Config.Cmd, ['sleep', '301']);
    assert.equal(inspected.HostConfig.NetworkMode, 'none');
    assert.equal(inspected.Config.Labels['dockside.test'], '1');
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

  suite('Run Again when the last run\'s name or host ports are taken', () => {
    const remember = (spec: Partial<RunSpec>) =>
      dockside.workflows.runMemory.remember({ image: TEST_IMAGE, ports: [], env: [], volumes: [], network: 'none', restart: { name: 'no' }, command: ['sleep', '300'], interactive: false, labels: testLabels, ...spec });
    const runAgain = async () => vscode.commands.executeCommand('dockside.images.runAgain', { kind: 'image', id: (await engine().getImage(TEST_IMAGE).inspect()).Id, name: TEST_IMAGE });
    const existing = async (name: string) => {
      const container = created.container(await engine().createContainer({ Image: TEST_IMAGE, name, Cmd: ['true'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } }));
      await waitForRow(dockside, 'container', container.id, name);
      return container;
    };

    test('"Pick a New Name" runs it under the name typed (a taken one is refused) and names it in the message', async () => {
      const name = `dockside-e2e-again-${Date.now().toString(36)}`;
      const old = await existing(name);
      await remember({ name });
      const renamed = `${name}-b`;
      created.container(engine().getContainer(renamed));
      const { asked } = await answering(dockside, { warning: 'Pick a New Name', inputs: [renamed] }, runAgain);
      assert.deepEqual(asked.warnings, [`A container named "${name}" already exists (created).`]);
      assert.deepEqual(asked.informations, [`Started ${renamed} from ${TEST_IMAGE}.`]);
      const fresh = await engine().getContainer(renamed).inspect();
      assert.equal(fresh.State.Running, true);
      await waitForRow(dockside, 'container', fresh.Id, renamed);
      assert.equal((await old.inspect()).Name, `/${name}`, 'the old container is left alone');
      // The new name is checked as typed too.
      await assert.rejects(answering(dockside, { warning: 'Pick a New Name', inputs: [renamed] }, runAgain), /A container named ".*-b" already exists/);
    });

    test('"Replace" removes the old container and runs the new one under the same name', async () => {
      const name = `dockside-e2e-again-${Date.now().toString(36)}`;
      const old = await existing(name);
      await remember({ name });
      created.container(engine().getContainer(name));
      const { asked } = await answering(dockside, { warning: 'Replace' }, runAgain);
      assert.deepEqual(asked.warnings, [`A container named "${name}" already exists (created).`]);
      assert.deepEqual(asked.informations, [`Started ${name} from ${TEST_IMAGE}.`]);
      await assert.rejects(old.inspect(), (error: { statusCode?: number }) => error.statusCode === 404, 'the old container is gone');
      const replacement = await engine().getContainer(name).inspect();
      assert.notEqual(replacement.Id, old.id);
      assert.equal(replacement.State.Running, true);
    });

    test('a host port another container publishes is named; "Pick Other Ports" runs with the ports typed', async () => {
      const suffix = Date.now().toString(36);
      const network = created.network(await engine().createNetwork({ Name: `dockside-e2e-again-${suffix}`, Driver: 'bridge', Labels: { ...testLabels } }));
      const holderBase = `dockside-e2e-holder-${suffix}`;
      // Another test may take a port between the check and the bind: a holder that cannot bind is tried again on others.
      let port = 0;
      let holder: Container | undefined;
      for (let attempt = 1; !holder; attempt++) {
        port = await twoFreePorts();
        const candidate = created.container(
          await engine().createContainer({
            Image: TEST_IMAGE,
            name: `${holderBase}${attempt === 1 ? '' : `-${attempt}`}`,
            Cmd: ['sleep', '300'],
            Labels: { ...testLabels },
            StopSignal: 'SIGKILL',
            ExposedPorts: { '80/tcp': {} },
            HostConfig: { NetworkMode: network.id, PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
          }),
        );
        try {
          await candidate.start();
          holder = candidate;
        } catch (error) {
          if (attempt >= 5 || !/address already in use/.test(String(error))) throw error;
          await candidate.remove({ force: true });
        }
      }
      const holderName = (await holder.inspect()).Name.replace(/^\//, '');
      await eventually(`the model to show ${holderName} publishing ${port}`, () =>
        dockside.explorer.containers.get(holder.id)?.Ports?.some((published) => published.PublicPort === port) ? true : undefined,
      );
      await remember({ network: network.id, ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 80, protocol: 'tcp' }] });
      const { asked } = await answering(dockside, { warning: 'Pick Other Ports', inputs: [`127.0.0.1:${port + 1}:80`] }, runAgain);
      const [started] = await engine().listContainers({ filters: { network: [network.id], label: ['dockside.test=1'] } }).then((list) => list.filter((candidate) => candidate.Id !== holder.id));
      assert.ok(started, 'a new container runs on the network');
      created.container(engine().getContainer(started.Id));
      assert.deepEqual(asked.warnings, [`Host port ${port}/tcp (used by ${holderName}) is already published.`]);
      const startedName = started.Names[0].replace(/^\//, '');
      assert.deepEqual(asked.informations, [`Started ${startedName} from ${TEST_IMAGE}.`], 'the message names the engine-picked name, not an id');
      const inspected = await engine().getContainer(started.Id).inspect();
      assert.deepEqual(inspected.HostConfig.PortBindings, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port + 1) }] });
    });
  });
});
