import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locateBuildFailure } from '../../src/build/buildDiagnostic';
import { BuildOutputReader } from '../../src/build/buildOutput';
import { dockerfileStages, dockerfileSteps } from '../../src/build/dockerfileSteps';

const dockerfile = [
  '# syntax=docker/dockerfile:1',
  'ARG BASE=busybox',
  'FROM $BASE AS base',
  '',
  '# install',
  'RUN echo one \\',
  '    two',
  'FROM base AS test',
  'RUN make test',
  'FROM base',
  'COPY . /app',
].join('\n');

test('steps are numbered as the classic builder numbers them, meta ARGs included', () => {
  assert.deepEqual(
    dockerfileSteps(dockerfile).map((step) => [step.number, step.keyword, step.startLine, step.endLine]),
    [[1, 'ARG', 1, 1], [2, 'FROM', 2, 2], [3, 'RUN', 5, 6], [4, 'FROM', 7, 7], [5, 'RUN', 8, 8], [6, 'FROM', 9, 9], [7, 'COPY', 10, 10]],
  );
  assert.deepEqual(
    dockerfileStages(dockerfile).map((stage) => [stage.name, stage.line]),
    [['base', 2], ['test', 7], [undefined, 9]],
  );
});

function read(messages: object[]): BuildOutputReader {
  const reader = new BuildOutputReader();
  messages.forEach((message) => reader.read(message));
  return reader;
}

test('a failing RUN maps to its lines with the message and exit code', () => {
  const reader = read([
    { stream: 'Step 1/7 : ARG BASE=busybox\n' },
    { stream: 'Step 5/7 : RUN make test\n' },
    { stream: ' ---> Running in 0123456789ab\n' },
    { errorDetail: { code: 2, message: "The command '/bin/sh -c make test' returned a non-zero code: 2" }, error: "The command '/bin/sh -c make test' returned a non-zero code: 2" },
  ]);
  assert.deepEqual(reader.failure?.step, { number: 5, total: 7, text: 'RUN make test' });
  assert.equal(reader.failure?.exitCode, 2);
  const problem = locateBuildFailure(dockerfile, reader.failure!);
  assert.deepEqual([problem.startLine, problem.endLine], [8, 8]);
  assert.equal(problem.message, "The command '/bin/sh -c make test' returned a non-zero code: 2");
  assert.deepEqual(problem.output, []);
});

test("a failing RUN's diagnostic carries the step's last output lines, without the builder's own lines or an earlier step's", () => {
  const reader = read([
    { stream: 'Step 3/7 : RUN echo one     two\n' },
    { stream: ' ---> Running in 0123456789ab\n' },
    { stream: 'an earlier step\n' },
    { stream: ' ---> 4f5e6a7b8c9d\n' },
    { stream: 'Step 5/7 : RUN make test\n' },
    { stream: ' ---> Running in 0123456789ab\n' },
    { stream: 'ok 1 parses\nok 2 builds\n' },
    { stream: 'not ok 3 runs\n\n' },
    { stream: '\x1b[1mmake: *** [test] Error 1\x1b[0m\n' },
    // The classic builder's last line may come without its line end, right before the error.
    { stream: 'Removing intermediate container 0123456789ab' },
    { errorDetail: { code: 2, message: "The command '/bin/sh -c make test' returned a non-zero code: 2" } },
  ]);
  const problem = locateBuildFailure(dockerfile, reader.failure!);
  assert.deepEqual(problem.output, ['ok 2 builds', 'not ok 3 runs', 'make: *** [test] Error 1']);
});

test("the classic builder's stderr chunks (bright red) are preferred to the step's other output", () => {
  // As Docker Engine sends them: stderr in chunks of its own, the colour reset left on the next line.
  const reader = read([
    { stream: 'Step 3/7 : RUN echo one     two\n' },
    { stream: ' ---> Running in b3254296d878\n' },
    { stream: 'compiling\n' },
    { stream: '\x1b[91mmain.c:3: error: x undeclared\n\x1b[0m' },
    { stream: 'still compiling\n' },
    { stream: 'Removing intermediate container b3254296d878\n' },
    { errorDetail: { code: 2, message: "The command '/bin/sh -c make' returned a non-zero code: 2" } },
  ]);
  assert.deepEqual(reader.failure?.output, ['main.c:3: error: x undeclared']);
  const noStderr = read([
    { stream: 'Step 3/7 : RUN echo one     two\n' },
    { stream: 'compiling\n' },
    { stream: '\x1b[0mRemoving intermediate container b3254296d878\n' },
    { errorDetail: { code: 2, message: "The command '/bin/sh -c make' returned a non-zero code: 2" } },
  ]);
  assert.deepEqual(noStderr.failure?.output, ['compiling']);
});

test('a continued RUN is located on all its lines; an error without a code adds none', () => {
  const reader = read([{ stream: 'Step 3/7 : RUN echo one     two\n' }, { error: 'COPY failed: file not found' }]);
  const problem = locateBuildFailure(dockerfile, reader.failure!);
  assert.deepEqual([problem.startLine, problem.endLine, problem.exitCode], [5, 6, undefined]);
  assert.equal(problem.message, 'COPY failed: file not found');
});

test('an error before any step, or a Dockerfile edited since, points at the first instruction', () => {
  const early = read([{ error: 'Cannot locate specified Dockerfile: Dockerfile' }]);
  assert.equal(locateBuildFailure(dockerfile, early.failure!).startLine, 1);
  const mismatched = read([{ stream: 'Step 5/7 : COPY x y\n' }, { error: 'boom', errorDetail: { code: 1, message: 'boom' } }]);
  const problem = locateBuildFailure(dockerfile, mismatched.failure!);
  assert.equal(problem.startLine, 1);
  assert.equal(problem.message, 'boom (exit code 1)');
});

test('a successful build yields its image id and no failure', () => {
  const reader = read([{ stream: 'Step 1/1 : FROM busybox\n' }, { aux: { ID: 'sha256:abc' } }, { stream: 'Successfully built abc\n' }]);
  assert.equal(reader.imageId, 'sha256:abc');
  assert.equal(reader.failure, undefined);
});

test("the classic builder's share is the step's number over the file's steps", () => {
  const reader = new BuildOutputReader();
  assert.equal(reader.share, undefined, 'before the first step');
  reader.read({ stream: 'Step 1/4 : FROM busybox\n' });
  assert.equal(reader.share, 0.25);
  reader.read({ stream: 'Step 3/4 : RUN make\n' });
  assert.equal(reader.share, 0.75);
});
