/**
 * Benchmark: listing a token-auth registry (Distribution in token mode, the tests' token server; 200 repositories
 * × 5 tags) into the Registries view model, against the same `_catalog` + `tags/list` requests sent raw with
 * each scope's token fetched beforehand (the floor: no token traffic at all). The view model starts cold each round (a new
 * client, so one token per scope it meets: the catalog's and each repository's) and warm (the client the view
 * keeps per registry, its tokens fetched). Figures: medians of the rounds, ratios to raw, the token requests
 * one listing made.
 * The registry is populated with raw requests (blob uploads and manifest PUTs), so no engine is needed.
 * Run with `node --import tsx bench/registryToken.ts` (`--rounds=N`, 5 by default).
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import { registryEntries } from '../src/registry/browse/registryEntries';
import { RegistryNode, RegistryTreeModel } from '../src/registry/browse/registryTree';
import { V2Source } from '../src/registry/browse/v2Source';
import { OwnRegistry } from '../test/support/ownRegistry';
import { TokenServer } from '../test/support/tokenServer';
import { httpRequest } from './httpRequest';
import { median, timed } from './timing';

const REPOSITORIES = 200;
const TAGS = 5;
const PAGE = 100;
const rounds = Number(process.argv.find((arg) => arg.startsWith('--rounds='))?.split('=')[1] ?? 5);
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const user = { name: 'bench', password: 'bench-password' };

const request = (url: string, method = 'GET', body?: Buffer | string, headers: Record<string, string> = {}) => httpRequest(agent, url, method, body, headers);

const name = (index: number) => `bench/repo-${String(index).padStart(3, '0')}`;

/** One token for `scopes`, straight from the token server. */
async function token(tokens: TokenServer, scopes: string[]): Promise<string> {
  const url = new URL(tokens.realm);
  url.searchParams.set('service', tokens.service);
  scopes.forEach((scope) => url.searchParams.append('scope', scope));
  const answer = await request(url.toString(), 'GET', undefined, { Authorization: `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}` });
  return `Bearer ${(JSON.parse(answer.body) as { token: string }).token}`;
}

async function populate(registry: OwnRegistry, tokens: TokenServer): Promise<void> {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', created: '2026-01-01T00:00:00Z', rootfs: { type: 'layers', diff_ids: [] }, config: {} }));
  const digest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest },
    layers: [],
  });
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < REPOSITORIES) {
        const repository = name(next++);
        const authorization = await token(tokens, [`repository:${repository}:pull,push`]);
        const started = await request(`${registry.baseUrl}/v2/${repository}/blobs/uploads/`, 'POST', undefined, { Authorization: authorization });
        if (started.status !== 202) throw new Error(`upload to ${repository}: HTTP ${started.status} ${started.body}`);
        const location = new URL(String(started.headers.location), registry.baseUrl);
        location.searchParams.set('digest', digest);
        const put = await request(location.toString(), 'PUT', config, { Authorization: authorization, 'Content-Type': 'application/octet-stream', 'Content-Length': String(config.length) });
        if (put.status !== 201) throw new Error(`config blob of ${repository}: HTTP ${put.status} ${put.body}`);
        for (let tag = 0; tag < TAGS; tag++) {
          const tagged = await request(`${registry.baseUrl}/v2/${repository}/manifests/t${tag}`, 'PUT', manifest, { Authorization: authorization, 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json' });
          if (tagged.status !== 201) throw new Error(`manifest of ${repository}: HTTP ${tagged.status} ${tagged.body}`);
        }
      }
    }),
  );
}

const nextOf = (headers: http.IncomingHttpHeaders) => /<([^>]*)>;\s*rel="next"/.exec(String(headers.link ?? ''))?.[1];

/** Every listing request with its scope's token in hand (fetched before, outside the timing). */
async function rawAll(base: string, authorization: Map<string, string>): Promise<number> {
  let next: string | undefined = `/v2/_catalog?n=${PAGE}`;
  let tags = 0;
  while (next) {
    const answer = await request(new URL(next, base).toString(), 'GET', undefined, { Authorization: authorization.get('registry:catalog:*')! });
    for (const repository of (JSON.parse(answer.body) as { repositories: string[] }).repositories) {
      let tagNext: string | undefined = `/v2/${repository}/tags/list?n=${PAGE}`;
      while (tagNext) {
        const tagAnswer = await request(new URL(tagNext, base).toString(), 'GET', undefined, { Authorization: authorization.get(`repository:${repository}:pull`)! });
        tags += (JSON.parse(tagAnswer.body) as { tags: string[] }).tags.length;
        tagNext = nextOf(tagAnswer.headers);
      }
    }
    next = nextOf(answer.headers);
  }
  return tags;
}

const newSource = (base: string) => new V2Source({ baseUrl: base, login: { username: user.name, password: user.password } }, PAGE);

async function viewAll(base: string, source: V2Source): Promise<number> {
  const model = new RegistryTreeModel(async () => registryEntries([base], []), async () => source);
  const [root] = await model.roots();
  let children = await model.children(root);
  for (let more = children.find((node) => node.kind === 'more'); more; more = children.find((node) => node.kind === 'more')) {
    await model.loadMore(more as Extract<RegistryNode, { kind: 'more' }>);
    children = await model.children(root);
  }
  let tags = 0;
  for (const repository of children.filter((node) => node.kind === 'repository')) {
    tags += (await model.children(repository)).filter((node) => node.kind === 'tag').length;
  }
  model.dispose();
  return tags;
}

async function main(): Promise<void> {
  const tokens = await TokenServer.start({ users: [user] });
  const registry = await OwnRegistry.start({ mode: 'http', token: tokens.registryAuth });
  try {
    const start = Date.now();
    await populate(registry, tokens);
    console.log(`Populated ${REPOSITORIES} repositories × ${TAGS} tags behind token auth in ${((Date.now() - start) / 1000).toFixed(1)} s.`);
    const base = registry.baseUrl;
    const everything = new Map<string, string>();
    for (const scope of ['registry:catalog:*', ...Array.from({ length: REPOSITORIES }, (_, index) => `repository:${name(index)}:pull`)]) {
      everything.set(scope, await token(tokens, [scope]));
    }
    // The warm client is the one the view keeps per registry: after its first listing it holds every scope's token.
    const warmSource = newSource(base);
    await rawAll(base, everything);
    await viewAll(base, warmSource);
    const figures = { raw: [] as number[], cold: [] as number[], warm: [] as number[] };
    const tokenRequests = { cold: 0, warm: 0 };
    const orders = [
      ['raw', 'cold', 'warm'],
      ['warm', 'raw', 'cold'],
      ['cold', 'warm', 'raw'],
    ] as const;
    for (let round = 0; round < rounds; round++) {
      for (const which of orders[round % orders.length]) {
        const mark = tokens.requests.length;
        const all = await timed(() => (which === 'raw' ? rawAll(base, everything) : viewAll(base, which === 'cold' ? newSource(base) : warmSource)));
        if (all.count !== REPOSITORIES * TAGS) throw new Error(`${which} listed ${all.count} tags`);
        figures[which].push(all.ms);
        if (which !== 'raw') tokenRequests[which] = tokens.requests.length - mark;
      }
    }
    const raw = median(figures.raw);
    console.log(`Rounds: ${rounds} (medians)`);
    console.log(`All (${REPOSITORIES} repositories, ${REPOSITORIES * TAGS} tags), raw requests with each scope's token in hand: ${raw.toFixed(0)} ms`);
    for (const which of ['cold', 'warm'] as const) {
      console.log(
        `View model, ${which} client: ${median(figures[which]).toFixed(0)} ms, ratio ${(median(figures[which]) / raw).toFixed(2)}×, token requests per listing: ${tokenRequests[which]}`,
      );
    }
  } finally {
    await registry.stop();
    await tokens.stop();
    agent.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
