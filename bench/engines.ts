/**
 * Engines benchmark: the explorer on a remote engine and with two engines connected at once.
 *  1. TCP+TLS engine (a dockerd of the bench's own on loopback with --tlsverify): full list into the tree model vs
 *     the raw API call over the same kept TLS connections (Node's global agent, as Dockside's client uses), alternated;
 *  2. change → tree model latency (pause/unpause) on the TLS engine: p50/p95/max from the engine's event time;
 *  3. the local engine's list and change latency alone, then with the TLS engine connected and live (its own
 *     event stream and a change every 50 ms on it);
 *  4. ssh: the full list over one kept ssh connection vs docker-modem's own ssh (a new ssh login per request).
 * Run: npm run bench:engines   (COUNT=300 CHANGES=100 ROUNDS=15 to change the sizes)
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import Docker from 'dockerode';
import { dockerOptionsFor, sshTunnelOptions } from '../src/engine/dockerOptions';
import { EngineFetcher } from '../src/engine/fetcher';
import { LiveEngine } from '../src/engine/liveEngine';
import { SshTunnel, sshConnectConfig } from '../src/engine/sshTunnel';
import { ExplorerModel } from '../src/explorer/model';
import { engineSocketPath, ensureEngine, ensureTestImage, TEST_IMAGE, testLabels } from '../test/support/engine';
import { freePort } from '../test/support/freePort';
import { OwnDockerd } from '../test/support/ownDockerd';
import { OwnSshd } from '../test/support/ownSshd';
import { makeTlsMaterial } from '../test/support/tlsCerts';

const count = Number(process.env.COUNT ?? 300);
const changes = Number(process.env.CHANGES ?? 100);
const rounds = Number(process.env.ROUNDS ?? 15);
const runLabel = `dockside.bench=${process.pid}-${Date.now().toString(36)}`;
const [benchKey, benchValue] = runLabel.split('=');

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)];
const percentile = (values: number[], p: number) => sorted(values)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const ms = (value: number) => `${value.toFixed(2)} ms`;
const now = () => performance.timeOrigin + performance.now();

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let index = 0; index < items.length; index += size) {
    await Promise.all(items.slice(index, index + size).map(run));
  }
}

async function createOurs(docker: Docker, prefix: string): Promise<void> {
  await inBatches([...Array(count).keys()], 16, (index) =>
    docker.createContainer({
      Image: TEST_IMAGE,
      name: `dockside-bench-${prefix}-${benchValue}-${index}`,
      Cmd: ['sleep', '3600'],
      Labels: { ...testLabels, [benchKey]: benchValue },
      HostConfig: { NetworkMode: 'none' },
    }),
  );
}

async function removeOurs(docker: Docker): Promise<number> {
  const ours = await docker.listContainers({ all: true, filters: { label: [runLabel] } });
  await inBatches(ours, 16, (container) => docker.getContainer(container.Id).remove({ force: true }).catch(() => undefined));
  return ours.length;
}

/** GET /containers/json?all=1, body parsed: through an agent (https over TLS) or a unix socket. */
function rawList(request: (callback: (response: http.IncomingMessage) => void) => http.ClientRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request((response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[]).length));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Alternated rounds of each way; medians. */
async function alternate(ways: Array<[string, () => Promise<unknown>]>, roundCount: number): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(ways.map(([name]) => [name, []]));
  for (let round = 0; round < roundCount + 2; round++) {
    for (let step = 0; step < ways.length; step++) {
      const [name, run] = ways[(round + step) % ways.length];
      const elapsed = await timed(run);
      if (round >= 2) {
        samples.get(name)?.push(elapsed);
      }
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

/** Pause/unpause `changeCount` times across 10 started containers; change → model latency from the event time. */
async function changeLatency(docker: Docker, live: LiveEngine, model: ExplorerModel, changeCount: number): Promise<number[]> {
  const ours = (await docker.listContainers({ all: true, filters: { label: [runLabel] } })).slice(0, 10);
  await Promise.all(ours.map((container) => docker.getContainer(container.Id).start().catch(() => undefined)));
  await live.idle();
  const eventTimes = new Map<string, number>();
  const subscription = live.onEvent((event) => {
    if (event.Type === 'container' && (event.Action === 'pause' || event.Action === 'unpause')) {
      eventTimes.set(`${event.Actor.ID}:${event.Action}`, event.timeNano / 1e6);
    }
  });
  const latencies: number[] = [];
  for (let index = 0; index < changeCount; index++) {
    const container = ours[index % ours.length];
    const pause = Math.floor(index / ours.length) % 2 === 0;
    const expected = pause ? 'paused' : 'running';
    const shown = new Promise<number>((resolve) => {
      const watch = model.containers.onDidChange(() => {
        if (model.containers.get(container.Id)?.State === expected) {
          watch.dispose();
          resolve(now());
        }
      });
    });
    const handle = docker.getContainer(container.Id);
    await (pause ? handle.pause() : handle.unpause());
    const returned = now();
    const shownAt = await shown;
    const eventAt = eventTimes.get(`${container.Id}:${pause ? 'pause' : 'unpause'}`) ?? returned;
    latencies.push(Math.max(0, shownAt - eventAt));
    await live.idle();
  }
  subscription.dispose();
  // Leave them unpaused and stopped (removal is forced in any case).
  await Promise.all(ours.map((container) => docker.getContainer(container.Id).unpause().catch(() => undefined)));
  return latencies;
}

const latencyRow = (what: string, values: number[]) => ({ what, p50: ms(percentile(values, 50)), p95: ms(percentile(values, 95)), max: ms(Math.max(...values)) });

async function main(): Promise<void> {
  const local = await ensureEngine();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-engines-'));
  const material = makeTlsMaterial(path.join(scratch, 'tls'));
  const dockerd = new OwnDockerd();
  dockerd.tls = { port: await freePort(), ...material.server };
  let sshd: OwnSshd | undefined;
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    await dockerd.start();
    const tcpHost = dockerd.tcpHost as string;
    // The client exactly as Dockside builds it for a verified TLS engine (Node's keep-alive global agent); the raw call
    // goes through the same agent with the same TLS material, so both share one pool of kept connections.
    const base = dockerOptionsFor({ host: tcpHost, source: 'setting', contextName: 'tls', tls: { certDir: material.clientFolder, verify: true } });
    const remote = new Docker(base);
    const rawTls = { host: '127.0.0.1', port: dockerd.tls?.port, ca: base.ca, cert: base.cert, key: base.key, agent: https.globalAgent };
    await ensureTestImage(remote);
    console.log(`Local engine ${(await local.version()).Version}, TLS engine ${(await remote.version()).Version} at ${tcpHost}; ${count} labelled containers on each…`);
    cleanups.push(() => removeOurs(remote), () => removeOurs(local));
    await Promise.all([createOurs(remote, 'tls'), createOurs(local, 'local')]);

    // 1. Full list on the TLS engine.
    const remoteFetcher = new EngineFetcher(remote);
    const listModel = new ExplorerModel();
    const tlsList = await alternate(
      [
        ['raw', () => rawList((callback) => https.request({ ...rawTls, path: '/containers/json?all=1' }, callback))],
        ['model', async () => listModel.containers.replaceAll(await remoteFetcher.list('container'))],
      ],
      rounds,
    );
    const tlsRaw = tlsList.get('raw') as number;
    console.log(`\n1. Full list of ${listModel.containers.size} containers on the TCP+TLS engine (${rounds} alternated rounds, medians)`);
    console.table([
      { way: 'raw GET /containers/json?all=1 over the same TLS connection', median: ms(tlsRaw), 'vs raw': '1.00×' },
      { way: 'Dockside engine layer → tree model', median: ms(tlsList.get('model') as number), 'vs raw': `${((tlsList.get('model') as number) / tlsRaw).toFixed(2)}×` },
    ]);
    listModel.dispose();

    // 2. Change → model on the TLS engine.
    const remoteModel = new ExplorerModel();
    const remoteLive = new LiveEngine(remote, remoteModel, { endpoint: tcpHost, contextName: 'tls' });
    cleanups.unshift(async () => remoteLive.dispose());
    await remoteLive.start();
    const tlsLatency = await changeLatency(remote, remoteLive, remoteModel, changes);
    console.log(`\n2. Change → tree model on the TCP+TLS engine, ${changes} pause/unpause changes, ${remoteModel.containers.size} containers present`);
    console.table([latencyRow('shown, from the engine event time', tlsLatency)]);

    // 3. The local engine alone, then with the TLS engine connected and changing.
    const localFetcher = new EngineFetcher(local);
    const localSocket = engineSocketPath(local);
    const localListModel = new ExplorerModel();
    const localWays: Array<[string, () => Promise<unknown>]> = [
      ['raw', () => rawList((callback) => http.request({ socketPath: localSocket, path: '/containers/json?all=1' }, callback))],
      ['model', async () => localListModel.containers.replaceAll(await localFetcher.list('container'))],
    ];
    const localModel = new ExplorerModel();
    const localLive = new LiveEngine(local, localModel, { endpoint: localSocket, contextName: 'default' });
    cleanups.unshift(async () => localLive.dispose());
    await localLive.start();
    remoteLive.dispose();
    const aloneList = await alternate(localWays, rounds);
    const aloneLatency = await changeLatency(local, localLive, localModel, changes);
    // The TLS engine connected again and live, first idle, then with a change on it every 50 ms (its dockerd then
    // competes with the local one for the same CPU cores: that part is the machine's, not the connection's).
    const secondModel = new ExplorerModel();
    const secondLive = new LiveEngine(remote, secondModel, { endpoint: tcpHost, contextName: 'tls' });
    cleanups.unshift(async () => secondLive.dispose());
    await secondLive.start();
    const idleList = await alternate(localWays, rounds);
    const idleLatency = await changeLatency(local, localLive, localModel, changes);
    const churnTargets = (await remote.listContainers({ all: true, filters: { label: [runLabel], status: ['running', 'paused'] } })).map((container) => container.Id);
    let churning = true;
    const churn = (async () => {
      for (let index = 0; churning && churnTargets.length > 0; index++) {
        const handle = remote.getContainer(churnTargets[index % churnTargets.length]);
        await (Math.floor(index / churnTargets.length) % 2 === 0 ? handle.pause() : handle.unpause()).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const withList = await alternate(localWays, rounds);
    const withLatency = await changeLatency(local, localLive, localModel, changes);
    churning = false;
    await churn;
    console.log(`\n3. The local engine (${localModel.containers.size} containers) alone, then with the TLS engine connected and live (idle; changing every 50 ms)`);
    const listRow = (what: string, figures: Map<string, number>) => ({
      what,
      value: ms(figures.get('model') as number),
      'vs raw': `${((figures.get('model') as number) / (figures.get('raw') as number)).toFixed(2)}×`,
    });
    console.table([
      listRow('list → model, median (alone)', aloneList),
      listRow('list → model, median (second engine connected, idle)', idleList),
      listRow('list → model, median (second engine changing)', withList),
    ]);
    console.table([
      latencyRow('change → model (alone)', aloneLatency),
      latencyRow('change → model (second engine connected, idle)', idleLatency),
      latencyRow('change → model (second engine changing)', withLatency),
    ]);
    console.log(`   the TLS engine's model followed ${secondModel.containers.size} containers meanwhile`);
    localListModel.dispose();

    // 4. ssh: one kept connection vs a login per request.
    const sshUnavailable = OwnSshd.available();
    if (sshUnavailable) {
      console.log(`\n4. ssh skipped: ${sshUnavailable}`);
    } else {
      sshd = new OwnSshd();
      await sshd.start(localSocket);
      const tunnel = new SshTunnel(sshConnectConfig(sshd.address, sshd.identity));
      cleanups.unshift(async () => tunnel.dispose());
      const kept = new EngineFetcher(new Docker(sshTunnelOptions(tunnel)));
      const perRequest = new EngineFetcher(
        new Docker(dockerOptionsFor({ host: sshd.address, source: 'setting', contextName: 'ssh', sshIdentity: sshd.identity })),
      );
      const sshList = await alternate(
        [
          ['raw', () => rawList((callback) => http.request({ socketPath: localSocket, path: '/containers/json?all=1' }, callback))],
          ['kept', () => kept.list('container')],
          ['perRequest', () => perRequest.list('container')],
        ],
        Math.min(rounds, 8),
      );
      console.log(`\n4. Full list of the local engine's containers over ssh (${Math.min(rounds, 8)} alternated rounds, medians; ${sshd.logins()} ssh logins in all)`);
      console.table([
        { way: 'raw GET on the unix socket (no ssh)', median: ms(sshList.get('raw') as number) },
        { way: 'Dockside: one kept ssh connection, a channel per request', median: ms(sshList.get('kept') as number) },
        { way: "docker-modem's ssh: a new ssh login per request", median: ms(sshList.get('perRequest') as number) },
      ]);
    }
    localModel.dispose();
    secondModel.dispose();
    remoteModel.dispose();
  } finally {
    let removed = 0;
    for (const cleanup of cleanups) {
      const result = await cleanup().catch(() => 0);
      removed += typeof result === 'number' ? result : 0;
    }
    console.log(`\nRemoved the ${removed} containers this run created.`);
    await sshd?.dispose();
    await dockerd.dispose();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
