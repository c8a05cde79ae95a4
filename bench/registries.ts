/**
 * Benchmark: listing a registry of 500 repositories × 20 tags into the Registries view model, against the raw
 * `_catalog` + `tags/list` requests alone (Node's http with a keep-alive agent, no model), in one run,
 * alternating which goes first. Figures (median of the rounds):
 * - first page: the registry node's first page of repositories (100) vs one raw `_catalog?n=100`;
 * - all: every page of the catalog and every repository's tags into the model vs the same raw requests.
 * Goals: first page ≤ 1.2×, all ≤ 1.5× the raw requests.
 * The registry is a throwaway `docker-registry` on loopback (plain HTTP). The test image is pushed once through
 * the engine (`DOCKER_HOST`, e.g. your own dockerd); the other 9,999 tags are pushed as a push of an image whose
 * layers exist does it: cross-repository blob mounts and a manifest PUT per tag.
 * Run with `npm run bench:registries` (`-- --rounds=N`, 5 by default).
 */
import * as http from 'node:http';
import { registryEntries } from '../src/registry/browse/registryEntries';
import { RegistryNode, RegistryTreeModel } from '../src/registry/browse/registryTree';
import { V2Source } from '../src/registry/browse/v2Source';
import { pushImage } from '../src/registry/registryOperations';
import { ensureEngine, TEST_IMAGE } from '../test/support/engine';
import { OwnRegistry } from '../test/support/ownRegistry';
import { httpRequest } from './httpRequest';
import { median, timed } from './timing';

const REPOSITORIES = 500;
const TAGS = 20;
const PAGE = 100;
const rounds = Number(process.argv.find((arg) => arg.startsWith('--rounds='))?.split('=')[1] ?? 5);
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

const request = (url: string, method = 'GET', body?: Buffer | string, headers: Record<string, string> = {}) => httpRequest(agent, url, method, body, headers);

const name = (index: number) => `bench/repo-${String(index).padStart(3, '0')}`;

async function populate(registry: OwnRegistry): Promise<void> {
  const docker = await ensureEngine();
  const first = `${registry.host}/${name(0)}`;
  await docker.getImage(TEST_IMAGE).tag({ repo: first, tag: 't00' });
  const pushed = await pushImage(docker, `${first}:t00`, () => undefined);
  await docker.getImage(`${first}:t00`).remove();
  if (!pushed.ok) throw new Error(pushed.message);
  const accept = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';
  const manifest = await request(`${registry.baseUrl}/v2/${name(0)}/manifests/t00`, 'GET', undefined, { Accept: accept });
  const mediaType = String(manifest.headers['content-type']);
  const parsed = JSON.parse(manifest.body) as { config: { digest: string }; layers: Array<{ digest: string }> };
  const blobs = [parsed.config.digest, ...parsed.layers.map((layer) => layer.digest)];
  const work: Array<() => Promise<void>> = [];
  for (let repo = 0; repo < REPOSITORIES; repo++) {
    work.push(async () => {
      if (repo > 0) {
        for (const digest of blobs) {
          const mounted = await request(`${registry.baseUrl}/v2/${name(repo)}/blobs/uploads/?mount=${digest}&from=${name(0)}`, 'POST');
          if (mounted.status !== 201) throw new Error(`mount ${digest} into ${name(repo)}: HTTP ${mounted.status}`);
        }
      }
      for (let tag = repo === 0 ? 1 : 0; tag < TAGS; tag++) {
        const put = await request(`${registry.baseUrl}/v2/${name(repo)}/manifests/t${String(tag).padStart(2, '0')}`, 'PUT', manifest.body, { 'Content-Type': mediaType });
        if (put.status !== 201) throw new Error(`manifest of ${name(repo)}: HTTP ${put.status} ${put.body}`);
      }
    });
  }
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < work.length) await work[next++]();
  }));
}

async function rawFirst(base: string): Promise<number> {
  const page = JSON.parse((await request(`${base}/v2/_catalog?n=${PAGE}`)).body) as { repositories: string[] };
  return page.repositories.length;
}

async function rawAll(base: string): Promise<number> {
  let next: string | undefined = `/v2/_catalog?n=${PAGE}`;
  let tags = 0;
  while (next) {
    const answer = await request(new URL(next, base).toString());
    const page = JSON.parse(answer.body) as { repositories: string[] };
    for (const repository of page.repositories) {
      let tagNext: string | undefined = `/v2/${repository}/tags/list?n=${PAGE}`;
      while (tagNext) {
        const tagAnswer = await request(new URL(tagNext, base).toString());
        tags += (JSON.parse(tagAnswer.body) as { tags: string[] }).tags.length;
        tagNext = /<([^>]*)>;\s*rel="next"/.exec(String(tagAnswer.headers.link ?? ''))?.[1];
      }
    }
    next = /<([^>]*)>;\s*rel="next"/.exec(String(answer.headers.link ?? ''))?.[1];
  }
  return tags;
}

function viewModel(base: string): RegistryTreeModel {
  const source = new V2Source({ baseUrl: base }, PAGE);
  return new RegistryTreeModel(async () => registryEntries([base], []), async () => source);
}

async function viewFirst(base: string): Promise<number> {
  const model = viewModel(base);
  const [root] = await model.roots();
  const children = await model.children(root);
  model.dispose();
  return children.filter((node) => node.kind === 'repository').length;
}

async function viewAll(base: string): Promise<number> {
  const model = viewModel(base);
  const [root] = await model.roots();
  let children = await model.children(root);
  for (let more = children.find((node) => node.kind === 'more'); more; more = children.find((node) => node.kind === 'more')) {
    await model.loadMore(more as Extract<RegistryNode, { kind: 'more' }>);
    children = await model.children(root);
  }
  let tags = 0;
  for (const repository of children.filter((node) => node.kind === 'repository')) {
    let listed = await model.children(repository);
    for (let more = listed.find((node) => node.kind === 'more'); more; more = listed.find((node) => node.kind === 'more')) {
      await model.loadMore(more as Extract<RegistryNode, { kind: 'more' }>);
      listed = await model.children(repository);
    }
    tags += listed.filter((node) => node.kind === 'tag').length;
  }
  model.dispose();
  return tags;
}

async function main(): Promise<void> {
  const registry = await OwnRegistry.start({ mode: 'http' });
  try {
    const start = Date.now();
    await populate(registry);
    console.log(`Populated ${REPOSITORIES} repositories × ${TAGS} tags in ${((Date.now() - start) / 1000).toFixed(1)} s (one engine push, then mounts and manifest PUTs).`);
    const base = registry.baseUrl;
    // Warm-up (connections, JIT) for both.
    await rawAll(base);
    await viewAll(base);
    const figures = { rawFirst: [] as number[], viewFirst: [] as number[], rawAll: [] as number[], viewAll: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['raw', 'view'] as const) : (['view', 'raw'] as const);
      for (const which of order) {
        const first = await timed(() => (which === 'raw' ? rawFirst(base) : viewFirst(base)));
        const all = await timed(() => (which === 'raw' ? rawAll(base) : viewAll(base)));
        if (first.count !== PAGE || all.count !== REPOSITORIES * TAGS) throw new Error(`${which} listed ${first.count} repositories and ${all.count} tags`);
        figures[which === 'raw' ? 'rawFirst' : 'viewFirst'].push(first.ms);
        figures[which === 'raw' ? 'rawAll' : 'viewAll'].push(all.ms);
      }
    }
    const firstRatio = median(figures.viewFirst) / median(figures.rawFirst);
    const allRatio = median(figures.viewAll) / median(figures.rawAll);
    console.log(`Rounds: ${rounds} (medians)`);
    console.log(`First page (${PAGE} repositories): raw ${median(figures.rawFirst).toFixed(2)} ms, view model ${median(figures.viewFirst).toFixed(2)} ms, ratio ${firstRatio.toFixed(2)}× (goal ≤ 1.2×) ${firstRatio <= 1.2 ? 'MET' : 'MISSED'}`);
    console.log(`All (${REPOSITORIES} repositories, ${REPOSITORIES * TAGS} tags): raw ${median(figures.rawAll).toFixed(0)} ms, view model ${median(figures.viewAll).toFixed(0)} ms, ratio ${allRatio.toFixed(2)}× (goal ≤ 1.5×) ${allRatio <= 1.5 ? 'MET' : 'MISSED'}`);
  } finally {
    await registry.stop();
    agent.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
