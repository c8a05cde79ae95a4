import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import { test } from 'node:test';
import Docker from 'dockerode';
import { locateBuildFailure } from '../../src/build/buildDiagnostic';
import { describeStep } from '../../src/build/buildOutput';
import { BuildRequest, BuildSink, engineBuilderVersion, runBuild } from '../../src/build/buildRunner';
import { useBuildContext } from '../support/buildContext';
import { TEST_IMAGE } from '../support/engine';
import { pollUntil } from '../support/terminalProbe';

const context = useBuildContext('buildkit');
const { tag, write } = context;
/** Images the builds made (the classic builder's layers, each build's image): the untagged ones are removed after. */
const layerIds = context.imageIds;

function request(overrides: Partial<BuildRequest> = {}): BuildRequest {
  // The test engine runs without a bridge network; BuildKit's RUN steps need one unless told otherwise.
  return context.request({ builder: 'buildkit', networkMode: 'none', ...overrides });
}

function recordingSink(): BuildSink & { text: () => string; steps: string[]; builders: string[] } {
  let output = '';
  const steps: string[] = [];
  const builders: string[] = [];
  return {
    builder: (builder) => builders.push(builder),
    builders,
    output: (text) => {
      output += text;
      for (const match of text.matchAll(/---> ([0-9a-f]{12})\s*$/gm)) layerIds.add(match[1]);
    },
    step: (step) => steps.push(describeStep(step)),
    text: () => output,
    steps,
  };
}

async function build(overrides: Partial<BuildRequest> = {}, client = context.docker) {
  const sink = recordingSink();
  const result = await runBuild(client, request(overrides), sink, new AbortController().signal);
  if (result.kind === 'succeeded' && result.imageId) layerIds.add(result.imageId);
  return { result, output: sink.text(), steps: sink.steps, builders: sink.builders };
}

async function listingOf(image: string): Promise<string[]> {
  return (await context.outputOf(image, 'cd /ctx && find . | sort && cat greeting')).trim().split('\n');
}

test('auto follows the engine\'s Builder-Version header (this test engine, Docker 20.10, sends none: classic)', async () => {
  const header = await engineBuilderVersion(context.docker);
  const expected = header?.trim() === '2' ? 'buildkit' : 'classic';
  write('.dockerignore', '');
  write('Dockerfile', `FROM ${TEST_IMAGE}\nRUN echo auto-build\n`);
  const { result, output, builders } = await build({ builder: 'auto', networkMode: expected === 'buildkit' ? 'none' : undefined });
  assert.equal(result.kind, 'succeeded', JSON.stringify(result));
  assert.deepEqual(builders, [expected]);
  assert.equal(result.kind === 'succeeded' && result.builder, expected);
  assert.match(output, expected === 'classic' ? /^Step 2\/3 : RUN echo auto-build$/m : /^#\d+ \[2\/2\] RUN echo auto-build$/m);
});

test('BuildKit: tags, build args, target, labels and .dockerignore, with the plain progress in the terminal', async () => {
  write('keep.txt', 'kept\n');
  write('secret.env', 'TOKEN=1\n');
  write('logs/a.log', 'x\n');
  write('logs/keep.log', 'y\n');
  write('.dockerignore', '*.env\nlogs\n!logs/keep.log\n');
  write(
    'Dockerfile',
    `FROM ${TEST_IMAGE} AS base\nARG GREETING=none\nCOPY . /ctx\nRUN echo "$GREETING" > /ctx/greeting && echo "the greeting is $GREETING"\n\nFROM base AS unused\nRUN exit 9\n`,
  );
  const { result, output, steps } = await build({ buildArgs: { GREETING: 'hi' }, target: 'base', noCache: true });
  assert.equal(result.kind, 'succeeded', `${JSON.stringify(result)}\n${output}`);
  assert.equal(result.kind === 'succeeded' && result.builder, 'buildkit');
  assert.match(result.kind === 'succeeded' ? result.imageId ?? '' : '', /^sha256:[0-9a-f]{64}$/);
  // The stage after the target is not built; BuildKit numbers the steps of each stage.
  assert.deepEqual(steps, [`[base 1/3] FROM docker.io/${TEST_IMAGE}`, '[base 2/3] COPY . /ctx', '[base 3/3] RUN echo "hi" > /ctx/greeting && echo "the greeting is hi"']);
  const run = /^#(\d+) \[base 3\/3\] RUN echo/m.exec(output);
  assert.ok(run, output);
  assert.match(output, new RegExp(`^#${run[1]} \\d+\\.\\d{3} the greeting is hi$`, 'm'));
  assert.match(output, new RegExp(`^#${run[1]} DONE \\d+\\.\\ds$`, 'm'));
  assert.doesNotMatch(output, /not available/);
  assert.deepEqual(await listingOf(tag), ['.', './.dockerignore', './Dockerfile', './greeting', './keep.txt', './logs', './logs/keep.log', 'hi']);
  const inspect = await context.docker.getImage(tag).inspect();
  assert.equal(inspect.Id, result.kind === 'succeeded' ? result.imageId : undefined);
  assert.equal(inspect.Config.Labels?.['dockside.test'], '1');
});

test('BuildKit: a failing RUN is located on exactly its lines with the exit code, and is not a reason to fall back', async () => {
  const dockerfile = `# a note\nFROM ${TEST_IMAGE}\n\nRUN echo fine\nRUN echo about to fail && \\\n    exit 3\nRUN echo never\n`;
  write('Dockerfile', dockerfile);
  write('.dockerignore', '');
  const { result, output } = await build({ noCache: true });
  assert.equal(result.kind, 'failed', output);
  if (result.kind !== 'failed') return;
  assert.equal(result.builder, 'buildkit');
  assert.equal(result.failure.exitCode, 3);
  assert.deepEqual(result.failure.step && describeStep(result.failure.step), '[3/4] RUN echo about to fail &&     exit 3');
  const problem = locateBuildFailure(dockerfile, result.failure);
  assert.deepEqual([problem.startLine, problem.endLine], [4, 5]);
  assert.match(problem.message, /exit code: 3$/);
  const failed = /^#(\d+) \[3\/4\] RUN echo about to fail/m.exec(output);
  assert.ok(failed, output);
  assert.match(output, new RegExp(`^#${failed[1]} \\d+\\.\\d{3} about to fail$`, 'm'));
  assert.match(output, new RegExp(`^#${failed[1]} ERROR: .*exit code: 3$`, 'm'));
  assert.doesNotMatch(output, /not available|^Step /m);
});

test('BuildKit: a COPY of a missing file in a later stage is located on that COPY', async () => {
  const dockerfile = `FROM ${TEST_IMAGE} AS base\nRUN echo base\n\nFROM base AS Build\nWORKDIR /src\nCOPY missing.txt ./\nRUN echo never\n`;
  write('Dockerfile', dockerfile);
  const { result, output } = await build();
  assert.equal(result.kind, 'failed', output);
  if (result.kind !== 'failed') return;
  assert.equal(result.failure.step && describeStep(result.failure.step), '[build 2/3] COPY missing.txt ./');
  const problem = locateBuildFailure(dockerfile, result.failure);
  assert.deepEqual([problem.startLine, problem.endLine], [5, 5]);
  assert.match(problem.message, /missing\.txt.*not found/);
  assert.equal(problem.exitCode, undefined);
});

test('BuildKit: cancelling a build stops its RUN step in the engine', async (t) => {
  const marker = 5000 + (process.pid % 1000);
  write('Dockerfile', `FROM ${TEST_IMAGE}\nRUN echo started; sleep ${marker}\n`);
  const controller = new AbortController();
  const sink = recordingSink();
  const running = runBuild(context.docker, request({ noCache: true }), sink, controller.signal);
  await pollUntil(async () => (/^#\d+ \d+\.\d{3} started$/m.test(sink.text()) ? true : undefined), 'the RUN step to start', 60_000);
  // BuildKit runs the step with runc, not as an engine container: look for the process itself.
  const sleeping = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').some((line) => line.trim() === `sleep ${marker}`);
  if (!sleeping()) {
    t.skip('the engine runs on another machine: its processes cannot be seen from here');
  }
  controller.abort();
  assert.equal((await running).kind, 'cancelled');
  await pollUntil(async () => (sleeping() ? undefined : true), 'the RUN step to be stopped by the engine', 30_000);
});

/**
 * An engine without BuildKit, as a unix socket in front of the real one: it refuses `version=2` builds the
 * way Docker does ("buildkit is not enabled on daemon", 400) and passes everything else through. Its
 * `/_ping` says `Builder-Version: 2`, as an engine whose BuildKit is broken would.
 */
async function engineWithoutBuildKit(realSocket: string): Promise<{ docker: Docker; builds: URLSearchParams[]; close: () => Promise<void> }> {
  const socket = path.join(context.contextDir, 'no-buildkit.sock');
  const builds: URLSearchParams[] = [];
  const server = http.createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://engine');
    if (/\/build$/.test(url.pathname)) {
      builds.push(url.searchParams);
      if (url.searchParams.get('version') === '2') {
        incoming.resume();
        incoming.on('end', () => {
          outgoing.writeHead(400, { 'Content-Type': 'application/json' });
          outgoing.end(JSON.stringify({ message: 'buildkit is not enabled on daemon' }));
        });
        return;
      }
    }
    const forward = http.request({ socketPath: realSocket, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      const headers = { ...answer.headers };
      if (url.pathname.endsWith('/_ping')) headers['builder-version'] = '2';
      outgoing.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(outgoing);
    });
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    docker: new Docker({ socketPath: socket }),
    builds,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

test('an engine that refuses BuildKit gets a one-line notice and the same build with the classic builder', async () => {
  const realSocket = await (context.docker.modem as unknown as { getSocketPath(): Promise<string | undefined> }).getSocketPath();
  assert.ok(realSocket, 'the test engine is reached over a unix socket');
  const fake = await engineWithoutBuildKit(realSocket);
  try {
    write('.dockerignore', 'secret.env\n');
    write('secret.env', 'TOKEN=1\n');
    write('Dockerfile', `FROM ${TEST_IMAGE} AS base\nARG GREETING=none\nCOPY . /ctx\nRUN echo "$GREETING" > /ctx/greeting\n\nFROM base AS unused\nRUN exit 9\n`);
    for (const builder of ['auto', 'buildkit'] as const) {
      fake.builds.length = 0;
      const { result, output, builders } = await build({ builder, buildArgs: { GREETING: 'hello' }, target: 'base', networkMode: undefined }, fake.docker);
      assert.equal(result.kind, 'succeeded', `${builder}: ${JSON.stringify(result)}\n${output}`);
      // auto: the fake engine's /_ping says Builder-Version: 2.
      assert.deepEqual(builders, ['buildkit']);
      assert.equal(result.kind === 'succeeded' && result.builder, 'classic');
      const notices = output.split('\n').filter((line) => /BuildKit/.test(line));
      assert.deepEqual(notices, ['BuildKit is not available on this engine (buildkit is not enabled on daemon); building with the classic builder.'], builder);
      assert.match(output, /^Step 4\/5 : RUN echo "\$GREETING" > \/ctx\/greeting$/m);
      // The same build, asked for twice: with BuildKit, then without.
      assert.deepEqual(fake.builds.map((query) => query.get('version')), ['2', null]);
      const [first, second] = fake.builds.map((query) => { query.delete('version'); return query.toString(); });
      assert.equal(first, second);
      assert.deepEqual((await listingOf(tag)).slice(-1), ['hello']);
    }
  } finally {
    await fake.close();
  }
});
