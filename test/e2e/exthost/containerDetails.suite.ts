/**
 * The rows under a container in the real extension host: a running container of the test image with a health
 * check and two published ports (on a bridge network of its own: the engine runs without the default bridge)
 * shows Health, Ports and Files in that order; the Ports rows copy an address that reaches the container's web
 * server and open it through `asExternalUri`; the Health row follows the container from healthy to unhealthy.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { Dockside } from '../../../src/dockside';
import type { ExplorerNode } from '../../../src/explorer/nodes';
import { execOutput } from '../../support/filesImage';
import { freePort } from '../../support/freePort';
import { answering, liveExplorer, waitForRow } from './explorer';
import { Created, engine, eventually, TEST_IMAGE, testLabels } from './support';

const SECOND_NS = 1_000_000_000;

suite('Health and Ports rows under a container', () => {
  let dockside: Dockside;
  let container: Docker.Container;
  let loopbackPort: number;
  let everyAddressPort: number;
  const marker = `served by the container ${Date.now().toString(36)}`;
  const created = new Created();

  const tree = () => {
    const provider = dockside.views.providers.find((candidate) => candidate.view === 'container');
    assert.ok(provider, 'the Containers view has a provider');
    return provider;
  };
  const containerRow = () => waitForRow(dockside, 'container', container.id, 'the container with ports and a health check', (candidate) => candidate.icon === 'pass-filled');
  const childNamed = async (parent: ExplorerNode, label: string): Promise<ExplorerNode> =>
    eventually(`a row "${label}" under "${parent.label}"`, async () => (await tree().getChildren(parent)).find((node) => node.label === label));
  const shown = async (node: ExplorerNode) => {
    const item = await tree().getTreeItem(node);
    return { label: String(item.label), description: String(item.description ?? ''), contextValue: item.contextValue, collapsed: item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed };
  };

  suiteSetup(async () => {
    dockside = await liveExplorer();
    const suffix = Date.now().toString(36);
    const network = created.network(await engine().createNetwork({ Name: `dockside-e2e-details-${suffix}`, Driver: 'bridge', Labels: { ...testLabels } }));
    loopbackPort = await freePort('127.0.0.1');
    everyAddressPort = await freePort('0.0.0.0');
    container = created.container(
      await engine().createContainer({
        name: `dockside-e2e-details-${suffix}`,
        Image: TEST_IMAGE,
        Labels: { ...testLabels },
        StopSignal: 'SIGKILL',
        Cmd: ['sh', '-c', `mkdir -p /www && echo "${marker}" > /www/index.html && exec httpd -f -p 80 -h /www`],
        Healthcheck: { Test: ['CMD-SHELL', 'echo "probe of $(hostname)"; wget -q -O /dev/null http://127.0.0.1/'], Interval: SECOND_NS, Timeout: 5 * SECOND_NS, Retries: 1 },
        ExposedPorts: { '80/tcp': {}, '8080/tcp': {} },
        HostConfig: {
          NetworkMode: network.id,
          PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(loopbackPort) }], '8080/tcp': [{ HostIp: '', HostPort: String(everyAddressPort) }] },
        },
      }),
    );
    await container.start();
  });
  suiteTeardown(() => created.removeAll());

  test('a healthy container with published ports: Health, Ports and Files under it, in that order', async () => {
    const row = await containerRow();
    const children = await tree().getChildren(row.node);
    assert.deepEqual(
      await Promise.all(children.map(shown)),
      [
        { label: 'Health', description: 'healthy', contextValue: 'healthStatus', collapsed: true },
        { label: 'Ports', description: '2', contextValue: 'publishedPorts', collapsed: true },
        { label: 'Files', description: '', contextValue: 'files.root', collapsed: true },
      ],
    );
    const ports = await tree().getChildren(children[1]);
    assert.deepEqual(
      await Promise.all(ports.map(shown)),
      [
        { label: `127.0.0.1:${loopbackPort} → 80/tcp`, description: '', contextValue: 'publishedPort', collapsed: false },
        { label: `${everyAddressPort} → 8080/tcp`, description: `localhost:${everyAddressPort}`, contextValue: 'publishedPort', collapsed: false },
      ],
      'one row per port, its IPv4 and IPv6 bindings folded',
    );
    const probes = await tree().getChildren(children[0]);
    assert.ok(probes.length >= 1, 'at least the probe that made it healthy');
    const newest = await shown(probes[0]);
    assert.equal(newest.description, `exit 0 · probe of ${container.id.slice(0, 12)}`);
    assert.ok(probes.every((probe) => probe.kind === 'healthProbe'), `probe rows: ${probes.map((probe) => probe.label).join(', ')}`);
  });

  test('Copy Port Address copies an address that reaches the container; Open in Browser opens it through asExternalUri', async () => {
    const row = await containerRow();
    const [port] = await tree().getChildren(await childNamed(row.node, 'Ports'));
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('dockside.containers.copyPortAddress', port);
    const address = await vscode.env.clipboard.readText();
    assert.equal(address, `127.0.0.1:${loopbackPort}`);
    const page = await eventually('the page served through the copied address', async () => {
      const response = await fetch(`http://${address}/`);
      return response.ok ? response.text() : undefined;
    });
    assert.equal(page.trim(), marker);

    const { asked } = await answering(dockside, {}, () => vscode.commands.executeCommand('dockside.containers.openInBrowser', port));
    // code-server answers with its own forwarding address (`http://<its host>/proxy/<port>/`), not the port's.
    const external = await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${loopbackPort}/`));
    assert.deepEqual(asked.opened, [external.toString(true)]);
  });

  test('the Health row follows the container to unhealthy: failing streak, the failed probe first with its output in the tooltip', async () => {
    const refreshed: Array<readonly ExplorerNode[] | undefined> = [];
    const listening = tree().onDidChangeTreeData((nodes) => refreshed.push(nodes === undefined ? undefined : [nodes].flat()));
    try {
      await execOutput(engine(), container.id, ['rm', '/www/index.html']);
      const row = await waitForRow(dockside, 'container', container.id, 'the container unhealthy', (candidate) => candidate.icon === 'warning');
      assert.ok(refreshed.length > 0, 'the view was told to refresh');
      const health = await childNamed(row.node, 'Health');
      assert.match((await shown(health)).description, /^unhealthy · failing streak \d+$/);
      const [failed] = await tree().getChildren(health);
      // The engine copies a probe's stdout and stderr apart: either line may come first.
      const probeLine = `probe of ${container.id.slice(0, 12)}`;
      const firstLine = (await shown(failed)).description;
      assert.ok(firstLine === `exit 1 · ${probeLine}` || /^exit 1 · wget: server returned error: HTTP\/1\.[01] 404 Not Found$/.test(firstLine), firstLine);
      const item = await tree().resolveTreeItem(await tree().getTreeItem(failed), failed);
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
      assert.match(tooltip, /404 Not Found/, 'the whole output in the tooltip');
      assert.ok(tooltip.includes(probeLine), 'both of its lines');
      // A probe runs every second: the re-read rows follow the growing streak.
      const streak = (text: string) => Number(/failing streak (\d+)/.exec(text)?.[1]);
      const before = streak((await shown(health)).description);
      await eventually('a longer failing streak', async () => {
        const again = await childNamed((await waitForRow(dockside, 'container', container.id, 'the container')).node, 'Health');
        return streak((await shown(again)).description) > before ? true : undefined;
      });
      assert.ok(
        refreshed.some((nodes) => nodes?.some((node) => node.kind === 'container' && node.id === container.id)),
        'a probe that ran re-rendered the row (its Health row re-read)',
      );
    } finally {
      listening.dispose();
    }
  });
});
