/**
 * Docker tasks against a real engine: each task's job runs in its task terminal (the pseudoterminal VS Code shows)
 * and the test reads what the terminal wrote and the exit code it closed with, as VS Code takes it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type Docker from 'dockerode';
import type { BuildResult } from '../../src/build/buildRunner';
import { locateBuildFailure } from '../../src/build/buildDiagnostic';
import { buildJob } from '../../src/tasks/buildTask';
import { composeJob } from '../../src/tasks/composeTask';
import { buildRequestOf, composeTaskOf, runTaskOf, type Mapped } from '../../src/tasks/definitions';
import { runJob } from '../../src/tasks/runTask';
import { TaskTerminal, type TaskJob } from '../../src/tasks/taskTerminal';
import { ensureEngine, ensureTestImage, TEST_LABEL, testLabels } from '../support/engine';
import { pollUntil } from '../support/terminalProbe';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'tasks');
const tag = `dockside-test/task-build-${process.pid}:1`;
let docker: Docker;

before(async () => {
  docker = await ensureEngine();
  await ensureTestImage(docker);
});

after(async () => {
  const labelled = await docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=1`, `dockside.task-test=${process.pid}`] } });
  await Promise.all(labelled.map((container) => docker.getContainer(container.Id).remove({ force: true }).catch(() => undefined)));
  await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
});

function valueOf<T>(mapped: Mapped<T>): T {
  assert.ok(mapped.ok, mapped.ok ? '' : mapped.reason);
  return mapped.value;
}

/** Runs a job in a task terminal: the text the terminal showed and the code it closed with. */
async function runInTerminal(job: TaskJob): Promise<{ text: string; exitCode: number | void }> {
  const terminal = new TaskTerminal(job);
  let text = '';
  terminal.onDidWrite((chunk) => (text += chunk));
  const closed = new Promise<number | void>((resolve) => terminal.onDidClose?.((code) => resolve(code)));
  terminal.open(undefined);
  const exitCode = await closed;
  return { text, exitCode };
}

describe('docker-build task', () => {
  test('builds the image from a fixture folder, streams the build and exits 0', async () => {
    const request = valueOf(buildRequestOf({ type: 'docker-build', context: 'build-ok', tags: [tag], labels: testLabels }, fixtures));
    const recorded: BuildResult[] = [];
    const { text, exitCode } = await runInTerminal(buildJob(docker, request, (_text, result) => recorded.push(result)));
    assert.equal(exitCode, 0, text);
    assert.match(text, /COPY hello\.txt/);
    assert.match(text, new RegExp(`Built ${tag.replace(/[./]/g, '\\$&')}`));
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CR LF in the terminal');
    assert.equal(recorded[0]?.kind, 'succeeded');
    const image = await docker.getImage(tag).inspect();
    assert.equal(image.Config.Labels?.[TEST_LABEL], '1');
  });

  test('a failing step fails the task with its exit code and is placed on its Dockerfile line', async () => {
    const request = valueOf(buildRequestOf({ type: 'docker-build', context: 'build-fails', labels: testLabels }, fixtures));
    const recorded: Array<{ text: string; result: BuildResult }> = [];
    const { text, exitCode } = await runInTerminal(buildJob(docker, request, (dockerfileText, result) => recorded.push({ text: dockerfileText, result })));
    assert.equal(exitCode, 3, text);
    assert.match(text, /about to fail/);
    assert.match(text, /Build failed on line 2 of Dockerfile/);
    const { result, text: dockerfileText } = recorded[0];
    assert.equal(result.kind, 'failed');
    if (result.kind === 'failed') {
      // The same mapping the build command turns into its diagnostic.
      assert.equal(locateBuildFailure(dockerfileText, result.failure).startLine, 1);
    }
  });

  test('a bad definition fails before any build, saying why', async () => {
    const mapped = buildRequestOf({ type: 'docker-build', context: 'build-ok', tags: ['Bad Tag'] }, fixtures);
    assert.ok(!mapped.ok);
  });
});

describe('docker-run task', () => {
  test('detached: starts a labelled container and ends at once with code 0', async () => {
    const name = `dockside-task-run-${process.pid}`;
    const task = valueOf(runTaskOf({ type: 'docker-run', image: 'dockside-test/busybox:1', name, command: ['sleep', '300'], labels: { ...testLabels, 'dockside.task-test': String(process.pid) } }, fixtures, (file) => fs.readFileSync(file, 'utf8')));
    const { text, exitCode } = await runInTerminal(runJob(docker, task));
    assert.equal(exitCode, 0, text);
    assert.match(text, new RegExp(`Started ${name} \\([0-9a-f]{12}\\) from dockside-test/busybox:1`));
    const info = await docker.getContainer(name).inspect();
    assert.equal(info.State.Running, true);
    assert.equal(info.Config.Labels[TEST_LABEL], '1');
  });

  test('attached: shows the output and ends with the container\'s exit code; remove deletes it', async () => {
    const name = `dockside-task-once-${process.pid}`;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-task-env-'));
    try {
      fs.writeFileSync(path.join(folder, 'task.env'), 'GREETING=from the env file\n');
      const task = valueOf(
        runTaskOf({ type: 'docker-run', image: 'dockside-test/busybox:1', name, envFiles: ['task.env'], command: 'sh -c "echo $GREETING; exit 4"', labels: testLabels, remove: true, detached: false }, folder, (file) => fs.readFileSync(file, 'utf8')),
      );
      const { text, exitCode } = await runInTerminal(runJob(docker, task));
      assert.equal(exitCode, 4, text);
      assert.match(text, /from the env file\r\n/);
      assert.match(text, new RegExp(`${name} exited with code 4`));
      await pollUntil(async () => ((await docker.listContainers({ all: true, filters: { name: [name] } })).length === 0 ? true : undefined), `${name} removed`);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('docker-compose task', () => {
  const project = path.join(fixtures, 'compose');
  const labelled = async () => docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=1`, 'com.docker.compose.service=sleeper'] } });

  test('up starts the project, down removes it; each ends with Compose\'s exit code', async () => {
    const up = valueOf(composeTaskOf({ type: 'docker-compose', command: 'up', files: ['compose.yaml'], detached: true }, project));
    const started = await runInTerminal(composeJob(up, ''));
    assert.equal(started.exitCode, 0, started.text);
    assert.match(started.text, /> \S*(docker compose|docker-compose) -f \S+compose\.yaml up -d/);
    const running = await labelled();
    assert.equal(running.length, 1);
    assert.equal(running[0].State, 'running');
    const down = valueOf(composeTaskOf({ type: 'docker-compose', command: 'down' }, project));
    const stopped = await runInTerminal(composeJob(down, ''));
    assert.equal(stopped.exitCode, 0, stopped.text);
    assert.equal((await labelled()).length, 0);
  });

  test('a failing Compose command fails the task with its code', async () => {
    const bad = valueOf(composeTaskOf({ type: 'docker-compose', command: 'up', files: ['missing.yaml'] }, project));
    const { text, exitCode } = await runInTerminal(composeJob(bad, ''));
    assert.notEqual(exitCode, 0, text);
    assert.ok(typeof exitCode === 'number' && exitCode > 0);
  });
});
