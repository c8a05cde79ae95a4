/**
 * The engine side of registry TLS trust: a registry with a certificate from a CA made here is refused by the
 * engine until that CA is in `/etc/docker/certs.d/<host:port>/ca.crt`. The engine skips certificate checks for
 * any 127.0.0.0/8 registry, so this registry listens at 10.213.0.2 in a network namespace the test creates
 * (a veth pair to 10.213.0.1 here); the test removes the namespace, the pair and the certs.d folder it wrote.
 * Needs root (ip netns); skipped with the reason otherwise.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import Docker from 'dockerode';
import { pushImage } from '../../src/registry/registryOperations';
import { ensureEngine, TEST_IMAGE } from '../support/engine';
import { OwnRegistry } from '../support/ownRegistry';

const namespace = `dockside-reg-${process.pid}`;
const hostVeth = `dsr${process.pid % 100000}h`;
const innerVeth = `dsr${process.pid % 100000}n`;
const address = '10.213.0.2';
const canRun = process.getuid?.() === 0 && ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].some((file) => existsSync(file));
let docker: Docker;
let registry: OwnRegistry | undefined;
let certsDir: string | undefined;
/** Folders this test created under /etc/docker, deepest last (removed deepest first, and only when empty). */
const createdDirs: string[] = [];
let madeNamespace = false;

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

before(async () => {
  if (!canRun) return;
  docker = await ensureEngine();
  ip('netns', 'add', namespace);
  madeNamespace = true;
  ip('link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', innerVeth);
  ip('link', 'set', innerVeth, 'netns', namespace);
  ip('addr', 'add', '10.213.0.1/24', 'dev', hostVeth);
  ip('link', 'set', hostVeth, 'up');
  ip('netns', 'exec', namespace, 'ip', 'addr', 'add', `${address}/24`, 'dev', innerVeth);
  ip('netns', 'exec', namespace, 'ip', 'link', 'set', innerVeth, 'up');
  ip('netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up');
  registry = await OwnRegistry.start({ mode: 'tls', address, netns: namespace });
});

after(async () => {
  await docker?.getImage(`${registry?.host}/dockside-test/busybox:1`).remove().catch(() => undefined);
  await registry?.stop();
  if (certsDir) await fs.rm(path.join(certsDir, 'ca.crt'), { force: true });
  for (const dir of createdDirs.reverse()) await fs.rmdir(dir).catch(() => undefined);
  if (madeNamespace) {
    try {
      ip('link', 'del', hostVeth);
    } catch {
      // Gone with the namespace already.
    }
    ip('netns', 'del', namespace);
  }
});

test('the engine refuses the registry certificate until its CA is in /etc/docker/certs.d/<host:port>/ca.crt', { skip: canRun ? false : 'needs root and iproute2 for a network namespace' }, async () => {
  assert.ok(registry);
  const reference = `${registry.host}/dockside-test/busybox:1`;
  await docker.getImage(TEST_IMAGE).tag({ repo: `${registry.host}/dockside-test/busybox`, tag: '1' });
  const untrusted = await pushImage(docker, reference, () => undefined);
  assert.equal(untrusted.ok, false);
  assert.match(!untrusted.ok ? untrusted.message : '', /x509: certificate signed by unknown authority/);

  certsDir = path.join('/etc/docker/certs.d', registry.host);
  assert.equal(existsSync(certsDir), false, `${certsDir} must not exist before the test`);
  for (const dir of ['/etc/docker', '/etc/docker/certs.d', certsDir]) {
    if (!existsSync(dir)) {
      await fs.mkdir(dir);
      createdDirs.push(dir);
    }
  }
  await fs.writeFile(path.join(certsDir, 'ca.crt'), registry.ca ?? '');
  const trusted = await pushImage(docker, reference, () => undefined);
  assert.equal(trusted.ok, true, JSON.stringify(trusted));
});
