import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { locateBuildFailure } from '../../src/build/buildDiagnostic';
import { BuildRequest, runBuild } from '../../src/build/buildRunner';
import { useBuildContext } from '../support/buildContext';
import { TEST_IMAGE } from '../support/engine';
import { pollUntil } from '../support/terminalProbe';

const context = useBuildContext('build');
const { tag, write, request } = context;
/** Layer images the classic builder printed (`---> id`); untagged ones left by failed builds are removed after. */
const layerIds = context.imageIds;

async function build(overrides: Partial<BuildRequest> = {}, signal = new AbortController().signal) {
  let output = '';
  const steps: string[] = [];
  const result = await runBuild(context.docker, request(overrides), { output: (text) => { output += text; for (const match of text.matchAll(/---> ([0-9a-f]{12})\s*$/gm)) layerIds.add(match[1]); }, step: (step) => steps.push(`${step.number}/${step.total}`) }, signal);
  return { result, output, steps };
}

async function listingOf(image: string): Promise<string> {
  return context.outputOf(image, 'cd /ctx && find . | sort');
}

test('the context honours .dockerignore, build args and the target stage', async () => {
  write('keep.txt', 'kept\n');
  write('secret.env', 'TOKEN=1\n');
  write('logs/a.log', 'x\n');
  write('logs/keep.log', 'y\n');
  write('.dockerignore', '*.env\nlogs\n!logs/keep.log\n');
  write('Dockerfile', `FROM ${TEST_IMAGE} AS base\nARG GREETING=none\nCOPY . /ctx\nRUN echo "$GREETING" > /ctx/greeting\n\nFROM base AS unused\nRUN exit 9\n`);
  const { result, steps, output } = await build({ buildArgs: { GREETING: 'hi' }, target: 'base' });
  assert.equal(result.kind, 'succeeded', JSON.stringify(result));
  // The stage after the target is not built; the engine adds the labels as a last step.
  assert.deepEqual(steps, ['1/5', '2/5', '3/5', '4/5', '5/5']);
  assert.match(output, /Step 5\/5 : LABEL dockside.test=1/);
  const listing = await listingOf(tag);
  assert.deepEqual(listing.trim().split('\n'), ['.', './.dockerignore', './Dockerfile', './greeting', './keep.txt', './logs', './logs/keep.log']);
  const inspect = await context.docker.getImage(tag).inspect();
  assert.equal(inspect.Config.Labels?.['dockside.test'], '1');
});

test('a Dockerfile outside the context is sent along and built', async () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-dockerfile-'));
  try {
    fs.writeFileSync(path.join(outside, 'Build.Dockerfile'), `FROM ${TEST_IMAGE}\nCOPY keep.txt /ctx/keep.txt\n`);
    write('keep.txt', 'kept\n');
    write('.dockerignore', '');
    const { result } = await build({ dockerfile: path.join(outside, 'Build.Dockerfile') });
    assert.equal(result.kind, 'succeeded', JSON.stringify(result));
    assert.deepEqual((await listingOf(tag)).trim().split('\n'), ['.', './keep.txt']);
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test('a failing RUN is located on its Dockerfile line with the message and exit code', async () => {
  const dockerfile = `# syntax note\nFROM ${TEST_IMAGE}\n\nRUN echo fine\nRUN echo about to fail && \\\n    exit 3\nRUN echo never\n`;
  write('Dockerfile', dockerfile);
  write('.dockerignore', '');
  const { result } = await build();
  assert.equal(result.kind, 'failed');
  if (result.kind !== 'failed') return;
  assert.equal(result.failure.exitCode, 3);
  const problem = locateBuildFailure(dockerfile, result.failure);
  assert.equal(problem.startLine, 4);
  assert.equal(problem.endLine, 5);
  assert.match(problem.message, /returned a non-zero code: 3/);
  // forcerm: the failed step's container is not left behind.
  const leftovers = await context.docker.listContainers({ all: true, filters: { status: ['exited', 'created'] } });
  assert.ok(!leftovers.some((info) => info.Command.includes('about to fail')), 'no container of the failed step remains');
});

test('cancelling a build aborts it in the engine', async () => {
  const marker = 4000 + (process.pid % 1000);
  write('Dockerfile', `FROM ${TEST_IMAGE}\nRUN echo started; sleep ${marker}\n`);
  const controller = new AbortController();
  let output = '';
  const running = runBuild(context.docker, request(), { output: (text) => (output += text), step: () => undefined }, controller.signal);
  await pollUntil(async () => (output.includes('Running in') ? true : undefined), 'the RUN step to start');
  const buildContainer = await pollUntil(
    async () => (await context.docker.listContainers({ filters: { status: ['running'] } })).find((info) => info.Command.includes(`sleep ${marker}`)),
    'the build container',
  );
  controller.abort();
  assert.equal((await running).kind, 'cancelled');
  await pollUntil(
    async () => ((await context.docker.listContainers({ all: true, filters: { id: [buildContainer.Id] } })).length === 0 ? true : undefined),
    'the build container to be removed by the engine',
    30_000,
  );
});
