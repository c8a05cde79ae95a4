import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import type { ExplorerNode } from '../../../src/explorer/nodes';
import { answering, liveExplorer, Row, viewRows, waitForNoRow, waitForRow } from './explorer';
import { Created, engine, eventually, TEST_IMAGE, testLabels } from './support';

function containersProvider(dockside: Dockside) {
  const provider = dockside.views.providers.find((candidate) => candidate.view === 'container');
  if (!provider) {
    throw new Error('no tree provider for the containers view');
  }
  return provider;
}

/** Shows the Containers view (its rows are kept true only while it is visible). */
async function showContainersView(dockside: Dockside): Promise<void> {
  await vscode.commands.executeCommand('dockside.containers.focus');
  await eventually('the Containers view to be visible', () => (dockside.views.treeViews[0].visible ? true : undefined));
}

/** Labels of a Compose-created container, as `docker compose up` sets them. */
function composeLabels(project: string, service: string, number: number): Record<string, string> {
  return {
    ...testLabels,
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.container-number': String(number),
    'com.docker.compose.project.config_files': `/srv/${project}/compose.yaml`,
    'com.docker.compose.project.working_dir': `/srv/${project}`,
  };
}

/** Polls the Containers view until the row of Compose project `project` passes `accept`. */
function waitForProject(dockside: Dockside, project: string, what: string, accept: (row: Row) => boolean = () => true): Promise<Row> {
  return eventually(`the containers view to show ${what}`, async () =>
    (await viewRows(dockside, 'container')).find((row) => row.node.kind === 'composeProject' && row.node.id === project && accept(row)),
  );
}

suite('explorer presentation', () => {
  const created = new Created();
  suiteTeardown(() => created.removeAll());

  test("a started container's status moves on by itself while the view is shown (no engine event, no re-list)", async () => {
    const dockside = await liveExplorer();
    await showContainersView(dockside);
    const name = `dockside-e2e-${randomUUID().slice(0, 8)}`;
    const container = created.container(
      await engine().createContainer({ name, Image: TEST_IMAGE, Cmd: ['sleep', '300'], Labels: { ...testLabels }, StopSignal: 'SIGKILL', HostConfig: { NetworkMode: 'none' } }),
    );
    await container.start();
    await waitForRow(dockside, 'container', container.id, `${name} running`, (row) => / · Up Less than a second$/.test(row.description));
    const refreshed: ExplorerNode[] = [];
    const subscription = containersProvider(dockside).onDidChangeTreeData((nodes) => refreshed.push(...(Array.isArray(nodes) ? nodes : [])));
    try {
      const row = await waitForRow(dockside, 'container', container.id, `${name} up for seconds`, (candidate) => / · Up [2-9] seconds$/.test(candidate.description));
      assert.ok(
        refreshed.some((node) => node.id === container.id),
        'the view was told to re-render the row itself (VS Code re-reads it only then)',
      );
      assert.equal(
        dockside.explorer.containers.get(container.id)?.Status,
        'Up Less than a second',
        "the model still holds the engine's words from the start: the row was re-rendered, nothing re-read",
      );
      assert.match(row.description, new RegExp(`^${TEST_IMAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · Up \\d seconds$`));
    } finally {
      subscription.dispose();
    }
  });

  test('until its first list is in, a view says it is loading, never that there is nothing', async () => {
    const dockside = await liveExplorer();
    const provider = containersProvider(dockside);
    await provider.getChildren();
    assert.notEqual(provider.listState, 'loading', 'listed after connecting');
    // The model forgets what it listed (as before the first list after a reload): the view must not say "No containers.".
    dockside.explorer.containers.clear();
    assert.deepEqual(await provider.getChildren(), []);
    assert.equal(provider.listState, 'loading');
    await vscode.commands.executeCommand('dockside.engine.refresh');
    await eventually('the list to be in again', async () => {
      await provider.getChildren();
      return provider.listState === 'loading' ? undefined : provider.listState;
    });
  });

  test('a Compose project shows its services (one replica: the container, named by service; several: under the service), its state and its project menus act on it', async () => {
    const dockside = await liveExplorer();
    const project = `dockside-e2e-${randomUUID().slice(0, 8)}`;
    const create = async (service: string, number: number) =>
      created.container(
        await engine().createContainer({
          name: `${project}-${service}-${number}`,
          Image: TEST_IMAGE,
          Cmd: ['sleep', '300'],
          Labels: composeLabels(project, service, number),
          StopSignal: 'SIGKILL',
          HostConfig: { NetworkMode: 'none' },
        }),
      );
    const db = await create('db', 1);
    const web1 = await create('web', 1);
    const web2 = await create('web', 2);
    await db.start();

    const projectRow = await waitForProject(dockside, project, `project ${project}`, (row) => row.description === '1/3 running');
    assert.deepEqual([projectRow.label, projectRow.description, projectRow.contextValue], [project, '1/3 running', 'composeProjectPartlyRunning']);
    const children = (await containersProvider(dockside).getChildren(projectRow.node)) ?? [];
    assert.deepEqual(children.map((node) => [node.kind, node.label]), [['container', 'db'], ['composeService', 'web']]);
    assert.equal(children[0].id, db.id);
    assert.match(children[0].describeAt?.(Date.now()) ?? '', new RegExp(`^${project}-db-1 · Up `));
    assert.deepEqual(children[1].children?.map((node) => node.id), [web1.id, web2.id]);
    const tooltip = projectRow.node.tooltip?.(Date.now()) ?? '';
    assert.match(tooltip, /Working folder: `\/srv\/dockside-e2e-/);
    assert.match(tooltip, /Files: `\/srv\/dockside-e2e-[0-9a-f]+\/compose\.yaml`/);
    assert.match(tooltip, /Services: `db \(running\)`, `web \(stopped\)`/);

    await vscode.commands.executeCommand('dockside.composeProjects.start', projectRow.node);
    const running = await waitForProject(dockside, project, `${project} all running`, (row) => row.contextValue === 'composeProjectRunning');
    assert.equal(running.description, 'all 3 running');

    await vscode.commands.executeCommand('dockside.composeProjects.stop', running.node);
    const stopped = await waitForProject(dockside, project, `${project} stopped`, (row) => row.contextValue === 'composeProject');
    assert.equal(stopped.description, 'stopped');

    const { asked } = await answering(dockside, { warning: 'Remove' }, () => vscode.commands.executeCommand('dockside.composeProjects.remove', stopped.node));
    assert.match(asked.warnings[0], /3 containers/);
    await eventually(`project ${project} to be gone with its containers`, async () =>
      (await viewRows(dockside, 'container')).some((row) => row.node.kind === 'composeProject' && row.node.id === project) ? undefined : true,
    );
    for (const id of [db.id, web1.id, web2.id]) {
      await waitForNoRow(dockside, 'container', id);
    }
  });
});
