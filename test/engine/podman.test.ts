/**
 * Dockside on Podman's Docker-compatible socket (`podman system service`), started by the test with storage and
 * configuration of its own: the engine is told apart as Podman, the explorer lists and follows it through its
 * event stream, and a labelled container is created (with no network, as every run on Podman), started, read
 * from, exec'd into, stopped and removed.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { LiveEngine } from '../../src/engine/liveEngine';
import { podmanCreateOptions } from '../../src/engine/runtime';
import { ExecTerminal } from '../../src/exec/execTerminal';
import { ExplorerModel } from '../../src/explorer/model';
import { defaultViewSettings, viewRoots } from '../../src/explorer/views';
import { ContainerLogsTerminal } from '../../src/logs/logsTerminal';
import { defaultRunSpec } from '../../src/run/runMemory';
import { toCreateOptions } from '../../src/run/runSpec';
import { SwarmModel } from '../../src/swarm/swarmModel';
import { statusBarText } from '../../src/views/engineStatusText';
import { ensureTestImage, TEST_IMAGE, testLabels } from '../support/engine';
import { PodmanService } from '../support/podmanService';
import { TerminalProbe } from '../support/terminalProbe';
import { waitFor } from '../support/waitFor';

const unavailable = PodmanService.available();
let podman: PodmanService | undefined;
let live: LiveEngine | undefined;
const closers: Array<() => void> = [];

after(async () => {
  closers.forEach((close) => close());
  live?.dispose();
  const docker = podman?.client();
  if (docker) {
    const mine = await docker.listContainers({ all: true, filters: { label: ['dockside.test=1'] } }).catch(() => []);
    await Promise.all(mine.map((info) => docker.getContainer(info.Id).remove({ force: true }).catch(() => undefined)));
  }
  await podman?.dispose();
});

test('the explorer, lifecycle, logs and exec work on a Podman socket', { skip: unavailable, timeout: 300_000 }, async () => {
  podman = new PodmanService();
  await podman.start();
  const docker = podman.client();
  await ensureTestImage(docker);

  const model = new ExplorerModel();
  const errors: unknown[] = [];
  live = new LiveEngine(docker, model, { endpoint: podman.socket, contextName: 'podman', onError: (error) => errors.push(error) });
  await live.start();
  assert.equal(model.state.kind, 'connected', JSON.stringify(model.state));
  assert.equal(model.state.kind === 'connected' && model.state.runtime, 'podman');
  assert.match(statusBarText(model.state).text, /Podman \d+\.\d+/);
  const images = viewRoots(model, 'image', defaultViewSettings).map((node) => node.label);
  assert.ok(images.some((label) => label.endsWith('dockside-test/busybox')), `the test image is listed: ${images.join(', ')}`);

  // Created as the Run command does on Podman: no network.
  const spec = { ...defaultRunSpec(TEST_IMAGE), name: 'dockside-podman-web', labels: { ...testLabels }, command: ['sh', '-c', 'trap "exit 0" TERM; echo hello from podman; echo oops >&2; while true; do sleep 1; done'] };
  const { options } = podmanCreateOptions(toCreateOptions(spec));
  const container = await docker.createContainer(options);
  assert.equal((await container.inspect()).HostConfig.NetworkMode, 'none');
  await container.start();
  const row = () => viewRoots(model, 'container', { ...defaultViewSettings, groupBy: 'none' }).find((node) => node.label === 'dockside-podman-web');
  await waitFor(row, (node) => node?.contextValue === 'containerRunning', 'the container running in the view (from the event stream)');
  // Podman reports no networks for a container without one: the row and its tooltip still render.
  assert.match(row()?.tooltip?.(Date.now()) ?? '', /busybox/);

  // Logs, stdout and stderr.
  const logs = new ContainerLogsTerminal(docker, container.id, { tail: 'all', showTimestamps: false });
  closers.push(() => logs.close());
  const logProbe = new TerminalProbe(logs);
  logs.open(undefined);
  await logProbe.waitFor((plain) => plain.includes('hello from podman') && plain.includes('oops'), 'the log lines');

  // Exec: a TTY shell in the container.
  const exec = new ExecTerminal(docker, container.id, { shellSetting: 'auto' });
  closers.push(() => exec.close());
  const execProbe = new TerminalProbe(exec);
  exec.open({ columns: 80, rows: 24 });
  await exec.started;
  exec.handleInput('echo $((6*7)) on $(cat /proc/1/cmdline | tr "\\0" " " | cut -c1-2)\r');
  await execProbe.waitFor((plain) => plain.includes('42 on sh'), 'the exec output');
  exec.handleInput('exit 3\r');
  await execProbe.waitFor((plain) => plain.includes('exited with code 3'), 'the exec exit code');

  // Stop, then remove: the view follows.
  await container.stop({ t: 5 });
  await waitFor(row, (node) => node?.contextValue.startsWith('containerExited') ?? false, 'the container exited in the view');
  await container.remove({ force: true });
  await waitFor(row, (node) => node === undefined, 'the container gone from the view');

  // Podman is no swarm: the Swarm view says so rather than failing.
  const swarm = new SwarmModel({ engines: () => [{ key: podman?.socket ?? '', label: 'podman', docker, runtime: 'podman', onEvent: live?.onEvent ?? (() => ({ dispose: () => undefined })) }], onDidChange: () => ({ dispose: () => undefined }) });
  closers.push(() => swarm.dispose());
  await swarm.start();
  assert.deepEqual(swarm.roots().map((node) => node.label), ['This engine is not in a swarm.']);
  assert.deepEqual(errors.map(String), [], 'no sync error on Podman');
});
