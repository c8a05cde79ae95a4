/**
 * The Swarm view in the real extension host: Dockside is pointed at a dockerd of the suite's own made a
 * single-node swarm (never the shared engine), with a service from a loopback registry; the view shows the
 * service and its tasks, and the Scale command (its input box answered here) changes them.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { SwarmTreeNode } from '../../../src/swarm/swarmTree';
import { ensureTestImage } from '../../support/engine';
import { freePort } from '../../support/freePort';
import { OwnDockerd } from '../../support/ownDockerd';
import { OwnRegistry } from '../../support/ownRegistry';
import { activateDockside, eventually, TEST_IMAGE, testLabels } from './support';

const unavailable = OwnDockerd.available() ?? OwnRegistry.available();

suite('swarm', function () {
  this.timeout(240_000);
  let dockerd: OwnDockerd | undefined;
  let registry: OwnRegistry | undefined;
  let docker: Docker;
  const savedHost = process.env.DOCKER_HOST;

  suiteSetup(async function () {
    if (unavailable) {
      this.skip();
    }
    dockerd = new OwnDockerd();
    await dockerd.start();
    docker = dockerd.client();
    await ensureTestImage(docker);
    registry = await OwnRegistry.start({ mode: 'http' });
    const image = await registry.push(docker, TEST_IMAGE, 'dockside-test/busybox:1');
    const port = await freePort();
    await docker.swarmInit({ ListenAddr: `127.0.0.1:${port}`, AdvertiseAddr: `127.0.0.1:${port}` });
    await docker.createService({
      Name: 'dockside-e2e-web',
      Labels: { ...testLabels },
      TaskTemplate: { ContainerSpec: { Image: image, Command: ['sh', '-c', 'trap "exit 0" TERM; while true; do echo hello; sleep 1; done'], StopGracePeriod: 1_000_000_000 } },
      Mode: { Replicated: { Replicas: 2 } },
    } as Docker.CreateServiceOptions);
    // Dockside follows DOCKER_HOST when no setting names an engine: this suite's engine, until the teardown.
    process.env.DOCKER_HOST = dockerd.host;
    const dockside = await activateDockside();
    await dockside.connectEngine();
    await dockside.ensureExplorer();
  });

  suiteTeardown(async () => {
    if (savedHost === undefined) {
      delete process.env.DOCKER_HOST;
    } else {
      process.env.DOCKER_HOST = savedHost;
    }
    if (dockerd) {
      const dockside = await activateDockside();
      await dockside.connectEngine();
      await dockside.ensureExplorer();
      const services = await docker.listServices({ filters: { label: ['dockside.test=1'] } }).catch(() => []);
      await Promise.all(services.map((service) => docker.getService(service.ID).remove().catch(() => undefined)));
      await docker.swarmLeave({ force: true }).catch(() => undefined);
      for (const network of await docker.listNetworks({ filters: { name: ['docker_gwbridge'] } }).catch(() => [])) {
        await docker.getNetwork(network.Id).remove().catch(() => undefined);
      }
      await dockerd.dispose();
    }
    await registry?.stop();
  });

  const serviceRow = async (): Promise<SwarmTreeNode | undefined> => {
    const dockside = await activateDockside();
    // Through the view's own tree data provider, as the workbench reads it.
    const services = dockside.swarmView.getChildren().find((node) => node.label === 'Services');
    return services ? dockside.swarmView.getChildren(services).find((node) => node.label === 'dockside-e2e-web') : undefined;
  };
  const running = (row: SwarmTreeNode | undefined) => (row?.children ?? []).filter((task) => task.description?.startsWith('running')).map((task) => task.label);

  test('the Swarm view shows the service with its replicas and its running tasks', async () => {
    const dockside = await activateDockside();
    await eventually('the engine seen as a swarm manager', () => (dockside.swarm.anyManager ? true : undefined), 30_000);
    const row = await eventually('the service with two running tasks', async () => {
      const found = await serviceRow();
      return running(found).length === 2 ? found : undefined;
    }, 60_000);
    assert.match(row.description ?? '', /^replicated 2\/2 · 127\.0\.0\.1:\d+\/dockside-test\/busybox:1$/);
    assert.deepEqual(running(row), ['dockside-e2e-web.1', 'dockside-e2e-web.2']);
    const item = dockside.swarmView.getTreeItem(row);
    assert.equal(item.contextValue, 'swarmServiceScalable');
    const nodes = dockside.swarmView.getChildren().find((node) => node.label === 'Nodes');
    assert.match(dockside.swarmView.getChildren(nodes)[0]?.description ?? '', /^manager \(leader\) · active · ready/);
  });

  test('Scale Service… on the row asks for the count and the view shows three tasks', async () => {
    const dockside = await activateDockside();
    const row = await serviceRow();
    assert.ok(row);
    const saved = dockside.prompts.inputBox;
    let asked: vscode.InputBoxOptions | undefined;
    dockside.prompts.inputBox = async (options) => {
      asked = options;
      return '3';
    };
    try {
      await vscode.commands.executeCommand('dockside.swarm.scale', row);
    } finally {
      dockside.prompts.inputBox = saved;
    }
    assert.equal(asked?.value, '2');
    assert.equal(asked?.validateInput?.('lots'), 'Type a whole number of replicas (0 stops every task).');
    const scaled = await eventually('three running tasks', async () => {
      const found = await serviceRow();
      return running(found).length === 3 && found?.description?.startsWith('replicated 3/3') ? found : undefined;
    }, 60_000);
    assert.deepEqual(running(scaled), ['dockside-e2e-web.1', 'dockside-e2e-web.2', 'dockside-e2e-web.3']);
  });
});
