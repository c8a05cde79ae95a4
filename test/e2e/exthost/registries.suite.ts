import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import type { RegistryNode } from '../../../src/registry/browse/registryTree';
import { OwnRegistry } from '../../support/ownRegistry';
import { answering, liveExplorer, waitForRow } from './explorer';
import { Created, engine, eventually, TEST_IMAGE } from './support';

/**
 * The Registries view in the real extension host, against a Distribution registry with TLS and htpasswd
 * that the suite starts on loopback: log in, see repositories and tags, push from the Images view.
 */
suite('registries view, login and push', function () {
  this.timeout(120_000);
  const created = new Created();
  const user = { name: 'dockside', password: `e2e-${process.pid}-pw` };
  let registry: OwnRegistry;
  let configDir: string;
  let savedDockerConfig: string | undefined;

  suiteSetup(async () => {
    registry = await OwnRegistry.start({ mode: 'tls-htpasswd', user });
    configDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockside-e2e-docker-config-'));
    savedDockerConfig = process.env.DOCKER_CONFIG;
    // Dockside reads DOCKER_CONFIG at each use: this host's credentials go to a throwaway folder.
    process.env.DOCKER_CONFIG = configDir;
    await fs.writeFile(path.join(configDir, 'ca.crt'), registry.ca ?? '');
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('dockside').update('registries', undefined, vscode.ConfigurationTarget.Global);
    if (savedDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = savedDockerConfig;
    await created.removeAll();
    await registry?.stop();
    if (configDir) await fs.rm(configDir, { recursive: true, force: true });
  });

  async function children(dockside: Dockside, node?: RegistryNode): Promise<RegistryNode[]> {
    return (await dockside.registries.getChildren(node)) ?? [];
  }

  async function rootOf(dockside: Dockside): Promise<RegistryNode> {
    return eventually(`the registry ${registry.host} in the Registries view`, async () =>
      (await children(dockside)).find((node) => node.kind === 'registry' && node.entry.credentialKey === registry.host),
    );
  }

  test('a wrong password is refused in words and stores nothing; the right one logs in', async () => {
    const dockside = await liveExplorer();
    await vscode.workspace.getConfiguration('dockside').update('registries', [{ url: registry.baseUrl, ca: path.join(configDir, 'ca.crt') }], vscode.ConfigurationTarget.Global);
    const errors: string[] = [];
    const present = dockside.notices.present;
    dockside.notices.present = async (severity, message) => {
      if (severity === 'error') errors.push(message);
      return undefined;
    };
    try {
      const refused = await answering(dockside, { inputs: [user.name, 'wrong-password'] }, () => vscode.commands.executeCommand<boolean>('dockside.registries.login', registry.host));
      assert.equal(refused.result, false);
      assert.deepEqual(errors, [`${registry.host} refused the login of dockside: wrong user name or password. Nothing was stored.`]);
      await assert.rejects(fs.access(path.join(configDir, 'config.json')));

      const root = await rootOf(dockside);
      const anonymous = await children(dockside, root);
      assert.equal(anonymous[0].kind === 'message' && anonymous[0].text, `${registry.host} needs a login.`);

      const accepted = await answering(dockside, { inputs: [user.name, user.password] }, () => vscode.commands.executeCommand<boolean>('dockside.registries.login', root));
      assert.equal(accepted.result, true, errors.join('\n'));
      assert.equal(accepted.asked.inputs.length, 2);
      const stored = JSON.parse(await fs.readFile(path.join(configDir, 'config.json'), 'utf8')) as { auths: Record<string, { auth: string }> };
      assert.equal(Buffer.from(stored.auths[registry.host].auth, 'base64').toString(), `${user.name}:${user.password}`);
    } finally {
      dockside.notices.present = present;
    }
  });

  test('push from the Images view, then the repository and its tag show in the Registries view', async () => {
    const dockside = await liveExplorer();
    const image = await engine().getImage(TEST_IMAGE).inspect();
    const row = await waitForRow(dockside, 'image', image.Id, TEST_IMAGE, (candidate) => candidate.node.name === TEST_IMAGE);
    const target = `${registry.host}/dockside-test/e2e:pushed`;
    created.imageTag(target);
    const root = await rootOf(dockside);
    const entryLabel = root.kind === 'registry' ? root.entry.label : '';
    const { asked } = await answering(dockside, { picks: [entryLabel], inputs: [target] }, () => vscode.commands.executeCommand('dockside.images.pushTo', row.node));
    assert.deepEqual(asked.titles, [`Push ${TEST_IMAGE} to…`, `Push ${TEST_IMAGE} to ${entryLabel}`]);
    assert.ok((await engine().getImage(target).inspect()).RepoDigests.some((digest) => digest.startsWith(`${registry.host}/dockside-test/e2e@sha256:`)), 'the engine pushed it');

    const repositories = await eventually('the pushed repository', async () => {
      const listed = await children(dockside, await rootOf(dockside));
      return listed.some((node) => node.kind === 'repository' && node.repository === 'dockside-test/e2e') ? listed : undefined;
    });
    const repository = repositories.find((node) => node.kind === 'repository' && node.repository === 'dockside-test/e2e')!;
    const tags = await children(dockside, repository);
    const tag = tags.find((node) => node.kind === 'tag' && node.tag === 'pushed');
    assert.ok(tag, `the tag "pushed" in ${JSON.stringify(tags.map((node) => node.id))}`);
    const details = await children(dockside, tag);
    const digest = (await engine().getImage(target).inspect()).RepoDigests.find((entry) => entry.startsWith(registry.host))!.split('@')[1];
    assert.deepEqual(
      details.slice(0, 2).map((node) => node.kind === 'detail' && node.label),
      ['Digest', 'Size'],
    );
    assert.equal(details[0].kind === 'detail' && details[0].description, digest);
    const item = dockside.registries.getTreeItem(tag);
    assert.equal(item.contextValue, 'registryTag');
    assert.equal(item.description, digest.slice(0, 19));

    await vscode.commands.executeCommand('dockside.registries.copyReference', tag);
    assert.equal(await vscode.env.clipboard.readText(), target);
  });

  test('log out forgets the credentials; the view asks for a login again', async () => {
    const dockside = await liveExplorer();
    await vscode.commands.executeCommand('dockside.registries.logout', registry.host);
    const stored = JSON.parse(await fs.readFile(path.join(configDir, 'config.json'), 'utf8')) as { auths: Record<string, unknown> };
    assert.deepEqual(stored.auths, {});
    const listed = await children(dockside, await rootOf(dockside));
    assert.equal(listed[0].kind === 'message' && listed[0].text, `${registry.host} needs a login.`);
  });
});
