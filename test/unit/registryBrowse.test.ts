import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRegistryUrl, registryEntries, withoutRegistry, withRegistry } from '../../src/registry/browse/registryEntries';
import { presentRegistryNode, tagReference } from '../../src/registry/browse/registryPresenter';
import type { RegistrySource } from '../../src/registry/browse/registrySource';
import { RegistryNode, RegistryTreeModel } from '../../src/registry/browse/registryTree';
import { dockerHubKey } from '../../src/registry/credentials/registryHost';
import { nextLink, parseAuthChallenge } from '../../src/registry/v2/headers';
import { readImageConfig, summarizeManifest } from '../../src/registry/v2/manifests';
import { pushTarget } from '../../src/registry/browse/pushTarget';

test('WWW-Authenticate challenges: Bearer with quoted parameters, Basic', () => {
  assert.deepEqual(parseAuthChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"'), {
    scheme: 'bearer',
    params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull,push' },
  });
  assert.deepEqual(parseAuthChallenge('Basic realm="dockside-test"'), { scheme: 'basic', params: { realm: 'dockside-test' } });
  assert.equal(parseAuthChallenge(undefined), undefined);
});

test('Link headers: the rel="next" target, or nothing on the last page', () => {
  assert.equal(nextLink('</v2/_catalog?last=b&n=2>; rel="next"'), '/v2/_catalog?last=b&n=2');
  assert.equal(nextLink('<https://x/prev>; rel="prev", </v2/r/tags/list?last=9&n=5>; rel="next"'), '/v2/r/tags/list?last=9&n=5');
  assert.equal(nextLink(undefined), undefined);
  assert.equal(nextLink('<https://x/prev>; rel="prev"'), undefined);
});

test('manifests: an OCI index lists platforms without attestations; an image sums config and layers', () => {
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { digest: 'sha256:a', size: 100, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      { digest: 'sha256:b', size: 200, platform: { os: 'linux', architecture: 'amd64' } },
      { digest: 'sha256:c', size: 50, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
    ],
  });
  assert.deepEqual(summarizeManifest(index, undefined), {
    kind: 'index',
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: [
      { platform: 'linux/arm64/v8', digest: 'sha256:a', size: 100 },
      { platform: 'linux/amd64', digest: 'sha256:b', size: 200 },
    ],
  });
  const image = JSON.stringify({ schemaVersion: 2, config: { digest: 'sha256:cfg', size: 10 }, layers: [{ size: 1000 }, { size: 24 }] });
  assert.deepEqual(summarizeManifest(image, 'application/vnd.docker.distribution.manifest.v2+json'), {
    kind: 'image',
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    configDigest: 'sha256:cfg',
    size: 1034,
    layers: 2,
  });
  assert.deepEqual(readImageConfig('{"created":"2026-01-01T00:00:00Z","os":"linux","architecture":"amd64"}'), { created: '2026-01-01T00:00:00Z', platform: 'linux/amd64' });
});

test('registry addresses: URLs, bare hosts, Docker Hub namespaces; clear reasons for the rest', () => {
  assert.deepEqual(parseRegistryUrl('registry.example:5000'), { ok: true, value: { url: 'https://registry.example:5000' } });
  assert.deepEqual(parseRegistryUrl('http://127.0.0.1:21300/v2/'), { ok: true, value: { url: 'http://127.0.0.1:21300' } });
  assert.deepEqual(parseRegistryUrl('docker.io/dockside'), { ok: true, value: { url: 'docker.io', namespace: 'dockside' } });
  assert.match((parseRegistryUrl('docker.io') as { reason: string }).reason, /docker\.io\/<namespace>/);
  assert.match((parseRegistryUrl('https://user:pw@r.example') as { reason: string }).reason, /no credentials in the address/);
  assert.match((parseRegistryUrl('ftp://r.example') as { reason: string }).reason, /https or http/);
  assert.match((parseRegistryUrl('') as { reason: string }).reason, /address is needed/);
});

test('entries: added and logged-in registries merge by host; Docker Hub first; the setting edits keep unknown entries', () => {
  const entries = registryEntries(['http://127.0.0.1:21300', { url: 'https://r.example', ca: '/ca.crt' }, 'docker.io/team', 'not a url'], ['127.0.0.1:21300', 'other.example', dockerHubKey]);
  assert.deepEqual(
    entries.map((entry) => [entry.label, entry.kind, entry.added, entry.loggedIn, entry.baseUrl ?? entry.namespace, entry.caFile]),
    [
      ['Docker Hub: team', 'hub', true, true, 'team', undefined],
      ['127.0.0.1:21300', 'v2', true, true, 'http://127.0.0.1:21300', undefined],
      ['other.example', 'v2', false, true, 'https://other.example', undefined],
      ['r.example', 'v2', true, false, 'https://r.example', '/ca.crt'],
    ],
  );
  const added = withRegistry(['not a url', 'https://r.example'], { url: 'https://r.example', ca: '/new.crt' });
  assert.deepEqual(added, ['not a url', { url: 'https://r.example', ca: '/new.crt' }]);
  assert.deepEqual(withoutRegistry(added, entries[3]), ['not a url']);
});

test('presentation: menus by context value, tag references with the registry host, "more…" loads a page', () => {
  const [hub, local] = registryEntries(['docker.io/team', 'http://127.0.0.1:21300'], ['127.0.0.1:21300']);
  assert.equal(presentRegistryNode({ kind: 'registry', id: 'r', entry: local }).contextValue, 'registryV2AddedLoggedIn');
  assert.equal(presentRegistryNode({ kind: 'registry', id: 'h', entry: hub }).contextValue, 'registryHubAdded');
  const tag = { kind: 'tag' as const, id: 't', entry: local, repository: 'team/app', tag: '1' };
  assert.equal(tagReference(tag), '127.0.0.1:21300/team/app:1');
  assert.equal(tagReference({ ...tag, entry: hub, repository: 'team/app' }), 'team/app:1');
  assert.equal(presentRegistryNode({ kind: 'more', id: 'm', parentId: 'r', loaded: 100 }).command?.command, 'dockside.registries.loadMore');
  assert.equal(pushTarget('dockside-test/busybox:1', local), '127.0.0.1:21300/dockside-test/busybox:1');
  assert.equal(pushTarget('other.example/app', hub), 'team/app:latest');
});

/** An in-memory V2-like listing: the paging and cancelling logic of the model is what is tested here. */
function memorySource(repositories: string[], pageSize: number, gate?: Promise<void>): RegistrySource & { requests: number } {
  const page = (items: string[], next: string | undefined) => {
    const start = next ? Number(next) : 0;
    const end = start + pageSize;
    return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
  };
  const source = {
    requests: 0,
    async repositories(next: string | undefined, signal: AbortSignal) {
      source.requests++;
      await gate;
      if (signal.aborted) throw new Error('aborted');
      return page(repositories, next);
    },
    async tags(_repository: string, next: string | undefined) {
      source.requests++;
      return page(['1', '2', '3'], next);
    },
    async tagDetails() {
      return { digest: `sha256:${'a'.repeat(64)}`, mediaType: 'x', size: 2_000_000, platforms: [] };
    },
    async manifestText() {
      return { digest: 'sha256:x', mediaType: 'x', text: '{}' };
    },
  };
  return source;
}

test('the tree model loads one page, then the next when "more…" is chosen, and tells the view', async () => {
  const [entry] = registryEntries(['http://127.0.0.1:21300'], []);
  const source = memorySource(['a', 'b', 'c', 'd', 'e'], 2);
  const model = new RegistryTreeModel(async () => [entry], async () => source);
  const [root] = await model.roots();
  const first = await model.children(root);
  assert.deepEqual(first.map((node) => (node.kind === 'repository' ? node.repository : node.kind)), ['a', 'b', 'more']);
  const changes: Array<RegistryNode | undefined> = [];
  model.onDidChange((node) => changes.push(node));
  await model.loadMore(first[2] as Extract<RegistryNode, { kind: 'more' }>);
  assert.equal(changes[0]?.id, root.id);
  await model.loadMore(first[2] as Extract<RegistryNode, { kind: 'more' }>);
  assert.deepEqual((await model.children(root)).map((node) => (node.kind === 'repository' ? node.repository : node.kind)), ['a', 'b', 'c', 'd', 'e']);
  assert.equal(source.requests, 3);
  const tags = await model.children((await model.children(root))[0]);
  assert.deepEqual(tags.map((node) => node.kind === 'tag' && node.tag), ['1', '2', 'more'].map((tag) => (tag === 'more' ? false : tag)));
  const details = await model.children(tags[0]);
  assert.deepEqual(details.map((node) => node.kind === 'detail' && `${node.label} ${node.description}`), [`Digest sha256:${'a'.repeat(64)}`, 'Size 2.0 MB']);
  model.dispose();
});

test('collapsing a node cancels its loading; expanding it again loads afresh', async () => {
  const [entry] = registryEntries(['http://127.0.0.1:21300'], []);
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const source = memorySource(['a'], 10, gate);
  const model = new RegistryTreeModel(async () => [entry], async () => source);
  const [root] = await model.roots();
  const loading = model.children(root);
  await new Promise((resolve) => setImmediate(resolve));
  model.collapse(root);
  open();
  const cancelled = await loading;
  assert.deepEqual(cancelled.map((node) => node.kind === 'message' && node.text), ['Loading was cancelled.']);
  const again = await model.children(root);
  assert.deepEqual(again.map((node) => node.kind === 'repository' && node.repository), ['a']);
  assert.equal(source.requests, 2);
  model.dispose();
});
