/**
 * Compose against a real engine with the Compose CLI found here (Debian's docker-compose 1.29 on CI): a
 * two-service project comes up, shows in the explorer model as project → services → containers, its logs show,
 * one service restarts alone, a broken file fails with its line located, and down removes exactly the project.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type Docker from 'dockerode';
import type { ComposeCli } from '../../src/compose/cli';
import { composeEnvironment } from '../../src/compose/environment';
import { failureLocations } from '../../src/compose/failureLocation';
import { fileInvocation } from '../../src/compose/fileInvocation';
import { composeCommandLine, ComposeInvocation } from '../../src/compose/invocation';
import { projectInvocation } from '../../src/compose/projectInvocation';
import { runComposeCommand, RunResult } from '../../src/compose/runner';
import { LiveEngine } from '../../src/engine/liveEngine';
import { ExplorerModel } from '../../src/explorer/model';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { defaultViewSettings, viewRoots } from '../../src/explorer/views';
import { ComposeLogsTerminal } from '../../src/logs/logsTerminal';
import { ensureComposeCli } from '../support/composeCli';
import { ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';
import { TerminalProbe } from '../support/terminalProbe';
import { waitFor } from '../support/waitFor';

const suffix = `${process.pid}${Date.now().toString(36)}`;
let docker: Docker;
let cli: ComposeCli;
let model: ExplorerModel;
let live: LiveEngine;
let folder: string;
let composeFile: string;
let project: string;
let bystander: Docker.Container | undefined;
const env = composeEnvironment(process.env, process.env.DOCKER_HOST ? { host: process.env.DOCKER_HOST, source: 'DOCKER_HOST', contextName: 'default' } : undefined);

const service = (name: string) => [
  `  ${name}:`,
  `    image: ${TEST_IMAGE}`,
  `    command: ["sh", "-c", "echo ${name} says hello; exec sleep 600"]`,
  // There is no bridge on the test engines, and `sleep` as PID 1 would make down wait for SIGTERM's 10 s.
  '    network_mode: none',
  '    stop_signal: SIGKILL',
  '    labels:',
  ...Object.entries(testLabels).map(([key, value]) => `      ${key}: "${value}"`),
];

function run(invocation: ComposeInvocation, args: string[]): Promise<RunResult> {
  return runComposeCommand(composeCommandLine(cli, invocation, args), { env });
}

function projectNode(): ExplorerNode | undefined {
  return viewRoots(model, 'container', { ...defaultViewSettings, groupBy: 'composeProject' }).find((node) => node.kind === 'composeProject' && node.id === project);
}

async function projectContainers(): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
}

before(async () => {
  docker = await ensureEngine();
  cli = await ensureComposeCli(env);
  model = new ExplorerModel();
  live = new LiveEngine(docker, model, { endpoint: 'test', contextName: 'default' });
  await live.start();
  // Upper case and a dot in the folder's name: the project name is normalised as Compose does.
  folder = fs.mkdtempSync(path.join(os.tmpdir(), `Dockside.Compose-${suffix}-`));
  composeFile = path.join(folder, 'compose.yaml');
  fs.writeFileSync(composeFile, ['services:', ...service('web'), ...service('worker'), ''].join('\n'));
  bystander = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '600'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
});

after(async () => {
  if (cli && project) {
    await run({ files: [composeFile], projectName: project, cwd: folder }, ['down', '-v', '-t', '0']).catch(() => undefined);
    const left = await projectContainers().catch(() => []);
    await Promise.all(left.map((info) => docker.getContainer(info.Id).remove({ force: true }).catch(() => undefined)));
  }
  await bystander?.remove({ force: true }).catch(() => undefined);
  live?.dispose();
  model?.dispose();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

test('up brings the project up; the explorer shows it as project → services → containers, all running', { timeout: 120_000 }, async () => {
  const resolved = fileInvocation({ file: composeFile, environment: env, flavour: cli.flavour }, { read: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined) });
  project = resolved.projectName;
  assert.equal(project, `docksidecompose-${path.basename(folder).slice(`Dockside.Compose-`.length)}`.toLowerCase());
  const up = await run(resolved.invocation, ['up', '-d']);
  assert.equal(up.exitCode, 0, up.output);

  const node = await waitFor(
    projectNode,
    (found) => found?.contextValue === 'composeProjectRunning' && found.children?.length === 2,
    `project ${project} running in the explorer`,
    30_000,
  );
  assert.equal(node?.description, 'all 2 running');
  assert.deepEqual(
    node?.children?.map((child) => [child.kind, child.label, child.contextValue]),
    [
      ['container', 'web', 'containerRunning.composeService'],
      ['container', 'worker', 'containerRunning.composeService'],
    ],
  );
  const containers = await projectContainers();
  assert.deepEqual(containers.map((info) => info.Labels['com.docker.compose.service']).sort(), ['web', 'worker']);
});

test('the project found in the engine runs with the files and folder its labels name', async () => {
  const member = model.containers.all().find((info) => info.Labels?.['com.docker.compose.project'] === project);
  assert.ok(member, 'a member in the model');
  const { invocation, missingFiles } = projectInvocation(project, member.Labels, (file) => fs.existsSync(file), os.homedir());
  assert.deepEqual(missingFiles, []);
  assert.deepEqual(invocation, { files: [composeFile], projectName: project, projectDirectory: folder, envFiles: undefined, cwd: folder });
  const services = await run(invocation, ['config', '--services']);
  assert.equal(services.exitCode, 0, services.output);
  assert.deepEqual(services.output.trim().split(/\s+/).sort(), ['web', 'worker']);
});

test('the merged logs of one service show its output and no other service', async () => {
  const core = new ComposeLogsTerminal(docker, project, { tail: 100, showTimestamps: false }, ['web']);
  const probe = new TerminalProbe(core);
  core.open(undefined);
  try {
    await probe.waitFor((text) => text.includes('web says hello'), 'the web service greeting');
    assert.doesNotMatch(probe.plain, /worker says hello/);
  } finally {
    core.close();
  }
});

test('restart of one service restarts its container alone', { timeout: 60_000 }, async () => {
  const startedAt = async () =>
    Object.fromEntries(
      await Promise.all(
        (await projectContainers()).map(async (info) => [info.Labels['com.docker.compose.service'], (await docker.getContainer(info.Id).inspect()).State.StartedAt] as const),
      ),
    );
  const before = await startedAt();
  const member = model.containers.all().find((info) => info.Labels?.['com.docker.compose.project'] === project);
  const { invocation } = projectInvocation(project, member?.Labels ?? {}, (file) => fs.existsSync(file), os.homedir());
  const restart = await run(invocation, ['restart', 'web']);
  assert.equal(restart.exitCode, 0, restart.output);
  const after = await startedAt();
  assert.notEqual(after.web, before.web, 'web started again');
  assert.equal(after.worker, before.worker, 'worker untouched');
});

test('a broken file fails with the exit code, and the YAML error is located on its line', async () => {
  const broken = path.join(folder, 'broken', 'compose.yaml');
  fs.mkdirSync(path.dirname(broken));
  fs.writeFileSync(broken, 'services:\n  web:\n    image: x\n   bad: [\n');
  const invocation = { files: [broken], cwd: path.dirname(broken) };
  const result = await run(invocation, ['config']);
  assert.notEqual(result.exitCode, 0);
  const [location] = failureLocations(result.output, invocation.cwd, broken);
  assert.equal(location?.file, broken, result.output);
  // `   bad: [` on line 4 breaks the block mapping of `web`.
  assert.equal(location.line, 3, result.output);
});

test('down removes exactly the project: its containers and network go, other containers stay', { timeout: 60_000 }, async () => {
  const down = await run({ files: [composeFile], projectName: project, cwd: folder }, ['down']);
  assert.equal(down.exitCode, 0, down.output);
  assert.deepEqual(await projectContainers(), []);
  assert.deepEqual(await docker.listNetworks({ filters: { label: [`com.docker.compose.project=${project}`] } }), []);
  await waitFor(projectNode, (node) => node === undefined, 'the project gone from the explorer');
  assert.ok(bystander && (await bystander.inspect()).Id, 'the container outside the project is still there');
});
