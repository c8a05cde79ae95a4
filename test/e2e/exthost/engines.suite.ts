import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import Docker from 'dockerode';
import type { Dockside } from '../../../src/dockside';
import { engineRowNodes } from '../../../src/engines/present';
import type { ExplorerNode } from '../../../src/explorer/nodes';
import { ensureTestImage } from '../../support/engine';
import { OwnDockerd } from '../../support/ownDockerd';
import { activateDockside, engine, eventually, TEST_IMAGE, testLabels } from './support';

/** The Docker CLI in the suite's Docker configuration folder, as a user types it in a terminal. */
async function dockerCli(...args: string[]): Promise<void> {
  await promisify(execFile)('docker', args, { env: { ...process.env, DOCKER_HOST: '' } });
}

/** The Containers view's roots as VS Code gets them. */
async function containerRoots(dockside: Dockside): Promise<ExplorerNode[]> {
  const provider = dockside.views.providers.find((candidate) => candidate.view === 'container');
  return (await provider?.getChildren()) ?? [];
}

suite('engines', () => {
  let dockerd: OwnDockerd | undefined;
  const removals: Array<() => Promise<unknown>> = [];

  suiteTeardown(async () => {
    for (const remove of removals.splice(0).reverse()) {
      await remove().catch(() => undefined);
    }
    await dockerd?.dispose();
  });

  test('two engines at once: a context created and connected from the Engines view shows beside the current engine, and commands act on the item\'s engine', async function () {
    const unavailable = OwnDockerd.available();
    if (unavailable) {
      this.skip();
    }
    this.timeout(180_000);
    assert.ok(process.env.DOCKER_CONFIG, 'the suite runs with a Docker configuration folder of its own');
    const dockside = await activateDockside();
    await dockside.ensureExplorer();
    dockerd = new OwnDockerd();
    await dockerd.start();
    const second = dockerd.client();
    await ensureTestImage(second);

    // "Create Docker Context…" answered as a user would: a local socket, a name, the address, no description.
    const prompts = { quickPick: dockside.prompts.quickPick, inputBox: dockside.prompts.inputBox, warning: dockside.prompts.warning };
    const answers = ['e2e-second', dockerd.host, ''];
    dockside.prompts.quickPick = (async (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.label.startsWith('Local socket'))) as typeof dockside.prompts.quickPick;
    dockside.prompts.inputBox = async (options) => {
      const answer = answers.shift();
      assert.equal(options.validateInput?.(answer ?? '') ?? undefined, undefined, `the answer "${answer}" is accepted`);
      return answer;
    };
    dockside.prompts.warning = async () => 'Remove';
    removals.push(async () => Object.assign(dockside.prompts, prompts));
    await vscode.commands.executeCommand('dockside.engines.createContext');
    const row = engineRowNodes(dockside.engines.rows()).find((candidate) => candidate.id === 'context:e2e-second');
    assert.ok(row, 'the new context is listed in the Engines view');
    assert.match(row.contextValue, /-disconnected-/);

    await vscode.commands.executeCommand('dockside.engines.connect', row);
    const suffix = `${process.pid}-${Date.now()}`;
    const onCurrent = await engine().createContainer({ name: `dockside-e2e-current-${suffix}`, Image: TEST_IMAGE, Cmd: ['true'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
    removals.push(() => onCurrent.remove({ force: true }));
    const onSecond = await second.createContainer({ name: `dockside-e2e-second-${suffix}`, Image: TEST_IMAGE, Cmd: ['true'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
    removals.push(() => onSecond.remove({ force: true }));

    const [currentNode, secondNode] = await eventually('one node per engine, each with its container', async () => {
      const roots = await containerRoots(dockside);
      const current = roots[0]?.children?.find((child) => child.label === `dockside-e2e-current-${suffix}`);
      const other = roots.find((root) => root.label === 'e2e-second')?.children?.find((child) => child.label === `dockside-e2e-second-${suffix}`);
      return roots.length === 2 && roots.every((root) => root.kind === 'engine') && current && other ? [current, other] : undefined;
    }, 30_000);
    assert.notEqual(currentNode.engine, secondNode.engine);
    const engineRow = engineRowNodes(dockside.engines.rows()).find((candidate) => candidate.id === 'context:e2e-second');
    assert.match(engineRow?.description ?? '', /^Docker \d+/, 'the Engines view shows the runtime and version');

    // Inspect from the second engine's item reads that engine (the container exists there only).
    await vscode.commands.executeCommand('dockside.containers.inspect', secondNode);
    const text = await eventually('the inspect document', () => {
      const document = vscode.window.activeTextEditor?.document;
      return document?.uri.scheme === 'dockside' && document.getText().includes(onSecond.id) ? document.getText() : undefined;
    });
    assert.equal((JSON.parse(text) as { Name: string }).Name, `/dockside-e2e-second-${suffix}`);

    // The second engine's container runs: its events reach the features through the hub with its engine's key
    // (not the current engine's listeners), and its open inspect document re-reads by itself.
    const secondKey = secondNode.engine as string;
    const heard: string[] = [];
    const onSecondEvents = dockside.events.onContainerEvent((event) => heard.push(`${event.engine} ${event.Action} ${event.Actor?.ID}`), secondKey);
    const onCurrentEvents = dockside.events.onContainerEvent((event) => heard.push(`current ${event.Action} ${event.Actor?.ID}`), currentNode.engine);
    removals.push(async () => [onSecondEvents, onCurrentEvents].forEach((subscription) => subscription.dispose()));
    const document = vscode.window.activeTextEditor?.document as vscode.TextDocument;
    const startedAt = (): string => (JSON.parse(document.getText()) as { State: { StartedAt: string } }).State.StartedAt;
    assert.match(startedAt(), /^0001-/, 'never started yet');
    await onSecond.start();
    await eventually('the start heard from the second engine', () => (heard.includes(`${secondKey} start ${onSecond.id}`) ? true : undefined));
    assert.ok(!heard.some((line) => line.startsWith('current')), `the current engine's listener heard nothing of it: ${heard.join(', ')}`);
    await eventually('the inspect document re-read after the start', () => (/^20\d\d-/.test(startedAt()) ? true : undefined), 20_000);

    // CPU and memory on the rows: a running container of the second engine shows its own, read from its engine.
    const busy = await second.createContainer({ name: `dockside-e2e-busy-${suffix}`, Image: TEST_IMAGE, Cmd: ['sleep', '300'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
    removals.push(() => busy.remove({ force: true }));
    await busy.start();
    const settings = vscode.workspace.getConfiguration('dockside');
    await settings.update('containers.showStats', true, vscode.ConfigurationTarget.Global);
    removals.push(() => Promise.resolve(settings.update('containers.showStats', undefined, vscode.ConfigurationTarget.Global)));
    await vscode.commands.executeCommand('dockside.containers.focus');
    const containersProvider = dockside.views.providers.find((candidate) => candidate.view === 'container');
    const busyRow = await eventually(
      "CPU and memory on the second engine's running container",
      async () => {
        const node = (await containerRoots(dockside)).find((root) => root.label === 'e2e-second')?.children?.find((child) => child.id === busy.id);
        const description = node ? containersProvider?.getTreeItem(node).description : undefined;
        return typeof description === 'string' && /CPU \d/.test(description) ? description : undefined;
      },
      30_000,
    );
    assert.match(busyRow, /CPU [\d.]+% · [\d.]+\s?[KMG]?i?B/);

    // Disconnected, then removed: the views are back to one engine, as they were.
    await vscode.commands.executeCommand('dockside.engines.disconnect', engineRowNodes(dockside.engines.rows()).find((candidate) => candidate.id === 'context:e2e-second'));
    await eventually('one engine again', async () => ((await containerRoots(dockside)).every((root) => root.kind !== 'engine') ? true : undefined));
    await vscode.commands.executeCommand('dockside.engines.removeContext', engineRowNodes(dockside.engines.rows()).find((candidate) => candidate.id === 'context:e2e-second'));
    assert.equal(dockside.engines.store.get('e2e-second'), undefined);
    await onSecond.remove({ force: true });
    await new Docker().getContainer(onCurrent.id).remove({ force: true });
  });

  test('`docker context use` typed in a terminal moves Dockside\'s current engine to that context, and back', async function () {
    const unavailable = OwnDockerd.available();
    if (unavailable) {
      this.skip();
    }
    this.timeout(180_000);
    const dockside = await activateDockside();
    await dockside.ensureExplorer();
    if (!dockerd) {
      dockerd = new OwnDockerd();
      await dockerd.start();
    }
    const second = dockerd.client();
    await ensureTestImage(second);
    // DOCKER_HOST would decide the engine over any context: the suite's own, if set, is put back afterwards.
    const savedHost = process.env.DOCKER_HOST;
    delete process.env.DOCKER_HOST;
    removals.push(async () => {
      if (savedHost !== undefined) process.env.DOCKER_HOST = savedHost;
      await dockside.connectEngine();
    });
    const suffix = `${process.pid}-${Date.now()}`;
    const there = await second.createContainer({ name: `dockside-e2e-terminal-${suffix}`, Image: TEST_IMAGE, Cmd: ['true'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
    removals.push(() => there.remove({ force: true }));
    await dockerCli('context', 'create', 'e2e-terminal', '--docker', `host=${dockerd.host}`);
    removals.push(() => dockerCli('context', 'rm', '--force', 'e2e-terminal'));

    await dockerCli('context', 'use', 'e2e-terminal');
    removals.push(() => dockerCli('context', 'use', 'default'));
    await eventually(
      'the current engine on the context made current in the terminal, its container in the view',
      async () => ((await containerRoots(dockside)).some((root) => root.label === `dockside-e2e-terminal-${suffix}`) ? true : undefined),
      30_000,
    );
    const current = engineRowNodes(dockside.engines.rows()).find((candidate) => candidate.id === 'context:e2e-terminal');
    assert.match(current?.contextValue ?? '', /-current$/, 'the Engines view marks it current');

    await dockerCli('context', 'use', 'default');
    await eventually(
      'the current engine back on the default context',
      async () => {
        const roots = await containerRoots(dockside);
        const defaultRow = engineRowNodes(dockside.engines.rows()).find((candidate) => candidate.contextValue.startsWith('engineRow-default-'));
        return /-connected-primary-current$/.test(defaultRow?.contextValue ?? '') && !roots.some((root) => root.label === `dockside-e2e-terminal-${suffix}`) ? true : undefined;
      },
      30_000,
    );
  });
});
