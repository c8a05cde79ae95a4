import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import protobuf from 'protobufjs/minimal';
import { locateBuildFailure } from '../../src/build/buildDiagnostic';
import { BuildMessage, describeStep } from '../../src/build/buildOutput';
import { BuildKitOutputReader } from '../../src/build/buildkitOutput';
import { BuildKitProgress, parseStepName } from '../../src/build/buildkitProgress';
import { decodeStatusResponse, traceOf } from '../../src/build/buildkitTrace';
import { buildKitStages } from '../../src/build/dockerfileSteps';

/** Build streams captured from Docker Engine 20.10 (`POST /build?version=2`), one JSON message a line. */
function fixture(name: string): BuildMessage[] {
  return fs
    .readFileSync(path.join(__dirname, 'fixtures', 'buildkit', `${name}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as BuildMessage);
}

function readAll(name: string) {
  const reader = new BuildKitOutputReader();
  let text = '';
  const steps: string[] = [];
  for (const message of fixture(name)) {
    const read = reader.read(message);
    text += read.text;
    steps.push(...read.steps.map(describeStep));
  }
  return { reader, text, steps };
}

/** The Dockerfiles the fixtures were built from. */
const dockerfiles = {
  success: 'FROM dockside-test/busybox:1\nWORKDIR /app\nCOPY a.txt ./\nRUN echo hello-from-run && echo second line >&2\nRUN i=0; while [ $i -lt 3 ]; do echo tick $i; i=$((i+1)); done\n',
  failrun: 'FROM dockside-test/busybox:1\nRUN echo fine\nRUN echo about to fail && \\\n    exit 3\nRUN echo never\n',
  failcopy: 'FROM dockside-test/busybox:1\nCOPY missing.txt /missing.txt\n',
  multistage: 'FROM dockside-test/busybox:1 AS base\nRUN echo base > /base\n\nFROM base AS Builder\nRUN echo build > /out\n\nFROM dockside-test/busybox:1\nCOPY --from=Builder /out /out\nRUN cat /out && exit 5\n',
  parseerror: 'FROM dockside-test/busybox:1\nRUNN echo nope\n',
  absentbase: 'FROM dockside-test/busybox:1 AS ok\nRUN echo ok\n\nFROM dockside-test/absent:1\nRUN echo never\n',
};

test('the trace decodes to vertexes, logs and statuses (captured payloads)', () => {
  const traces = fixture('success').map((message) => traceOf(message)).filter((trace) => trace !== undefined);
  assert.equal(traces.length, 26);
  const vertexes = traces.flatMap((trace) => trace.vertexes);
  const names = [...new Set(vertexes.map((vertex) => vertex.name))];
  assert.deepEqual(names, [
    '[internal] load remote build context',
    'copy /context /',
    '[internal] load metadata for docker.io/dockside-test/busybox:1',
    '[2/5] WORKDIR /app',
    '[3/5] COPY a.txt ./',
    '[4/5] RUN echo hello-from-run && echo second line >&2',
    '[5/5] RUN i=0; while [ $i -lt 3 ]; do echo tick $i; i=$((i+1)); done',
    '[1/5] FROM docker.io/dockside-test/busybox:1',
    'exporting to image',
  ]);
  const from = vertexes.find((vertex) => vertex.cached);
  assert.equal(from?.name, '[1/5] FROM docker.io/dockside-test/busybox:1');
  assert.match(from?.digest ?? '', /^sha256:[0-9a-f]{64}$/);
  const copy = vertexes.find((vertex) => vertex.name === '[3/5] COPY a.txt ./');
  assert.equal(copy?.inputs.length, 2);
  const run = vertexes.find((vertex) => vertex.name.startsWith('[4/5]') && vertex.completed !== undefined);
  // Timestamps are milliseconds since the epoch; the step took a fraction of a second.
  assert.ok(run?.started && run.completed && run.completed - run.started > 0 && run.completed - run.started < 1000);
  assert.equal(new Date(run?.started ?? 0).getUTCFullYear(), 2026);
  const logs = traces.flatMap((trace) => trace.logs).filter((log) => log.vertex === run?.digest);
  assert.deepEqual(logs.map((log) => [log.stream, Buffer.from(log.msg).toString()]), [[2, 'second line\n'], [1, 'hello-from-run\n']]);
  const statuses = traces.flatMap((trace) => trace.statuses);
  assert.ok(statuses.some((status) => status.id === 'naming to docker.io/library/dockside-capture-success:1' && status.completed !== undefined));
  assert.equal(traceOf({ id: 'moby.image.id', aux: { ID: 'sha256:1' } } as never), undefined);
});

test('a cut or corrupted trace is refused with a RangeError, not misread', () => {
  const aux = fixture('success').find((message) => typeof message.aux === 'string')?.aux as string;
  const bytes = Buffer.from(aux, 'base64');
  assert.throws(() => decodeStatusResponse(bytes.subarray(0, bytes.length - 5)), RangeError);
  const reader = new BuildKitOutputReader();
  const read = reader.read({ id: 'moby.buildkit.trace', aux: bytes.subarray(0, 20).toString('base64') } as BuildMessage);
  assert.match(read.text, /unreadable BuildKit progress message was skipped/);
});

test('a successful build prints like buildx --progress=plain and names each step', () => {
  const { reader, text, steps } = readAll('success');
  assert.equal(
    text,
    [
      '#1 [internal] load remote build context',
      '#1 DONE 0.0s',
      '',
      '#2 copy /context /',
      '#2 DONE 0.0s',
      '',
      '#3 [internal] load metadata for docker.io/dockside-test/busybox:1',
      '#3 DONE 0.0s',
      '',
      '#4 [1/5] FROM docker.io/dockside-test/busybox:1',
      '#4 CACHED',
      '',
      '#5 [2/5] WORKDIR /app',
      '#5 DONE 0.0s',
      '',
      '#6 [3/5] COPY a.txt ./',
      '#6 DONE 0.0s',
      '',
      '#7 [4/5] RUN echo hello-from-run && echo second line >&2',
      '#7 0.046 second line',
      '#7 0.046 hello-from-run',
      '#7 DONE 0.1s',
      '',
      '#8 [5/5] RUN i=0; while [ $i -lt 3 ]; do echo tick $i; i=$((i+1)); done',
      '#8 0.044 tick 0',
      '#8 0.044 tick 1',
      '#8 0.044 tick 2',
      '#8 DONE 0.0s',
      '',
      '#9 exporting to image',
      '#9 exporting layers 0.0s done',
      '#9 writing image sha256:405459404704712b2cdd114cf108f6d136a3f761f352e42e72dfd3de6e653a77 0.0s done',
      '#9 naming to docker.io/library/dockside-capture-success:1 0.0s done',
      '#9 DONE 0.0s',
      'Successfully tagged dockside-capture-success:1',
      '',
    ].join('\n'),
  );
  assert.deepEqual(steps, [
    '[1/5] FROM docker.io/dockside-test/busybox:1',
    '[2/5] WORKDIR /app',
    '[3/5] COPY a.txt ./',
    '[4/5] RUN echo hello-from-run && echo second line >&2',
    '[5/5] RUN i=0; while [ $i -lt 3 ]; do echo tick $i; i=$((i+1)); done',
  ]);
  assert.equal(reader.failure, undefined);
  assert.equal(reader.imageId, 'sha256:405459404704712b2cdd114cf108f6d136a3f761f352e42e72dfd3de6e653a77');
  assert.equal(reader.usedBuildKit, true);
});

test('a failed RUN: its output, ERROR, a summary with its last lines, and a diagnostic on its lines with the exit code', () => {
  const { reader, text } = readAll('failrun');
  assert.ok(
    text.endsWith(
      [
        '#6 [3/4] RUN echo about to fail &&     exit 3',
        '#6 0.045 about to fail',
        '#6 ERROR: executor failed running [/bin/sh -c echo about to fail &&     exit 3]: exit code: 3',
        '------',
        ' > [3/4] RUN echo about to fail &&     exit 3:',
        '    about to fail',
        '------',
        'ERROR: executor failed running [/bin/sh -c echo about to fail &&     exit 3]: exit code: 3',
        '',
      ].join('\n'),
    ),
    text,
  );
  const failure = reader.failure;
  assert.deepEqual(failure?.step, { number: 3, total: 4, text: 'RUN echo about to fail &&     exit 3', stage: '' });
  assert.equal(failure?.exitCode, 3);
  const problem = locateBuildFailure(dockerfiles.failrun, failure!);
  assert.deepEqual([problem.startLine, problem.endLine, problem.endCharacter], [2, 3, 10]);
  assert.equal(problem.message, 'executor failed running [/bin/sh -c echo about to fail &&     exit 3]: exit code: 3');
  // It wrote nothing to stderr: the diagnostic carries its last output line instead.
  assert.deepEqual(problem.output, ['about to fail']);
});

test("a failed RUN's diagnostic carries its last stderr lines, trimmed, not its stdout", () => {
  const reader = new BuildKitOutputReader();
  reader.read(trace({ vertexes: [{ digest: 'a', name: '[2/2] RUN make', started: 1000 }] }));
  reader.read(trace({ logs: [{ vertex: 'a', at: 1100, msg: 'compiling 1 of 9\ncompiling 2 of 9\n' }] }));
  reader.read(trace({ logs: [{ vertex: 'a', at: 1200, msg: '\x1b[31mmain.c:3: error: x undeclared\x1b[0m\n\n  main.c:4: warning: y unused  \n', stream: 2 }] }));
  reader.read(trace({ logs: [{ vertex: 'a', at: 1300, msg: 'compiling 3 of 9\n' }, { vertex: 'a', at: 1400, msg: `make: *** [all] Error 2 ${'x'.repeat(300)}`, stream: 2 }] }));
  reader.read(trace({ vertexes: [{ digest: 'a', name: '[2/2] RUN make', started: 1000, completed: 2000, error: 'exit code: 2' }] }));
  reader.read({ errorDetail: { message: 'process "/bin/sh -c make" did not complete successfully: exit code: 2' } });
  const output = reader.failure?.output ?? [];
  assert.deepEqual(output.slice(0, 2), ['main.c:3: error: x undeclared', 'main.c:4: warning: y unused']);
  assert.equal(output.length, 3);
  assert.match(output[2], /^make: \*\*\* \[all\] Error 2 x+…$/);
  assert.equal(output[2].length, 200);
});

test('a failed step of a named or unnamed later stage is found by its per-stage number', () => {
  const { reader, steps } = readAll('multistage');
  assert.deepEqual(steps, [
    '[base 1/2] FROM docker.io/dockside-test/busybox:1',
    '[base 2/2] RUN echo base > /base',
    '[builder 1/1] RUN echo build > /out',
    '[stage-2 2/3] COPY --from=Builder /out /out',
    '[stage-2 3/3] RUN cat /out && exit 5',
  ]);
  const problem = locateBuildFailure(dockerfiles.multistage, reader.failure!);
  assert.deepEqual([problem.startLine, problem.endLine, problem.exitCode], [8, 8, 5]);
  // Every step of that Dockerfile maps to its own line.
  const lines = steps.map((name) => locateBuildFailure(dockerfiles.multistage, { step: parseStepName(name), message: 'x' }).startLine);
  assert.deepEqual(lines, [0, 1, 4, 7, 8]);
});

test('a COPY of a missing file is located on the COPY, without an exit code', () => {
  const { reader, text } = readAll('failcopy');
  assert.match(text, /^#5 ERROR: "\/missing.txt" not found: not found$/m);
  const problem = locateBuildFailure(dockerfiles.failcopy, reader.failure!);
  assert.deepEqual([problem.startLine, problem.endLine, problem.exitCode], [1, 1, undefined]);
  assert.equal(problem.message, 'failed to compute cache key: "/missing.txt" not found: not found');
});

test('a Dockerfile parse error is located on the line the engine names', () => {
  const { reader } = readAll('parseerror');
  assert.equal(reader.failure?.step, undefined);
  const problem = locateBuildFailure(dockerfiles.parseerror, reader.failure!);
  assert.deepEqual([problem.startLine, problem.endLine, problem.endCharacter], [1, 1, 14]);
});

test('a base image that cannot be loaded is located on its FROM', () => {
  const { reader, text } = readAll('absentbase');
  assert.match(text, /^#3 ERROR: failed to do request: Head .*no such host$/m);
  assert.equal(reader.failure?.step, undefined);
  assert.equal(reader.failure?.image, 'docker.io/dockside-test/absent:1');
  const problem = locateBuildFailure(dockerfiles.absentbase, reader.failure!);
  assert.deepEqual([problem.startLine, problem.endLine], [3, 3]);
  // Short names are compared in full, as BuildKit writes them.
  const short = locateBuildFailure('FROM busybox AS a\nFROM --platform=linux/amd64 alpine\n', { message: 'x', image: 'docker.io/library/alpine:latest' });
  assert.equal(short.startLine, 1);
  const registry = locateBuildFailure('FROM busybox\nFROM localhost:5000/team/app:2\n', { message: 'x', image: 'localhost:5000/team/app:2' });
  assert.equal(registry.startLine, 1);
});

test('step names: stage, padding and platform prefixes', () => {
  const table: Array<[string, ReturnType<typeof parseStepName>]> = [
    ['[2/3] RUN make', { number: 2, total: 3, text: 'RUN make', stage: '' }],
    ['[stage-1 2/4] COPY . /src', { number: 2, total: 4, text: 'COPY . /src', stage: 'stage-1' }],
    ['[ 3/12] RUN make test', { number: 3, total: 12, text: 'RUN make test', stage: '' }],
    ['[build  1/12] FROM docker.io/library/golang:1.22', { number: 1, total: 12, text: 'FROM docker.io/library/golang:1.22', stage: 'build' }],
    ['[linux/arm64 build 4/5] RUN go build', { number: 4, total: 5, text: 'RUN go build', stage: 'build' }],
    ['[internal] load build definition from Dockerfile', undefined],
    ['exporting to image', undefined],
  ];
  for (const [name, expected] of table) {
    assert.deepEqual(parseStepName(name), expected, name);
  }
});

test('BuildKit numbering: FROM counts only for an image base; ADD, COPY, RUN and WORKDIR count', () => {
  const stages = buildKitStages('ARG V=1\nFROM scratch AS a\nCOPY x /x\nENV A=1\nFROM a AS b\nLABEL l=1\nRUN b\nFROM --platform=$BUILDPLATFORM golang AS c\nWORKDIR /src\nADD y /y\nEXPOSE 80\nFROM c\nUSER 1\n');
  assert.deepEqual(
    stages.map((stage) => [stage.name, stage.steps.map((step) => `${step.keyword}@${step.startLine}`)]),
    [['a', ['COPY@2']], ['b', ['RUN@6']], ['c', ['FROM@7', 'WORKDIR@8', 'ADD@9']], ['stage-3', []]],
  );
  // A step whose number no longer matches the file (edited since) is found by its text in the stage.
  const moved = locateBuildFailure('FROM img\nRUN one\nRUN two\n', { step: { number: 2, total: 3, text: 'RUN two', stage: '' }, message: 'x' });
  assert.equal(moved.startLine, 2);
});

/** A StatusResponse written with protobufjs, for cases the captures do not have. */
function trace(parts: { vertexes?: Array<{ digest: string; name: string; started?: number; completed?: number; error?: string }>; logs?: Array<{ vertex: string; at: number; msg: string; stream?: number }> }): BuildMessage {
  const writer = protobuf.Writer.create();
  const timestamp = (field: number, millis: number, into: protobuf.Writer) => {
    into.uint32((field << 3) | 2).fork().uint32(8).int64(Math.floor(millis / 1000)).uint32(16).int32((millis % 1000) * 1e6).ldelim();
  };
  for (const vertex of parts.vertexes ?? []) {
    writer.uint32((1 << 3) | 2).fork();
    writer.uint32((1 << 3) | 2).string(vertex.digest).uint32((3 << 3) | 2).string(vertex.name);
    if (vertex.started !== undefined) timestamp(5, vertex.started, writer);
    if (vertex.completed !== undefined) timestamp(6, vertex.completed, writer);
    if (vertex.error) writer.uint32((7 << 3) | 2).string(vertex.error);
    // An unknown field (a newer engine's), skipped.
    writer.uint32((8 << 3) | 2).bytes(new Uint8Array([1, 2, 3]));
    writer.ldelim();
  }
  for (const log of parts.logs ?? []) {
    writer.uint32((3 << 3) | 2).fork();
    writer.uint32((1 << 3) | 2).string(log.vertex);
    timestamp(2, log.at, writer);
    writer.uint32(3 << 3).int64(log.stream ?? 1).uint32((4 << 3) | 2).bytes(Buffer.from(log.msg));
    writer.ldelim();
  }
  return { id: 'moby.buildkit.trace', aux: Buffer.from(writer.finish()).toString('base64') } as BuildMessage;
}

test('interleaved steps repeat their header; partial lines wait for their end; a cancelled step is not a failure', () => {
  const reader = new BuildKitOutputReader();
  let text = '';
  const feed = (message: BuildMessage) => (text += reader.read(message).text);
  feed(trace({ vertexes: [{ digest: 'a', name: '[a 2/2] RUN one', started: 1000 }, { digest: 'b', name: '[b 2/2] RUN two', started: 1000 }] }));
  feed(trace({ logs: [{ vertex: 'a', at: 1500, msg: 'from a, part' }] }));
  feed(trace({ logs: [{ vertex: 'b', at: 1600, msg: 'from b\n' }, { vertex: 'a', at: 1700, msg: 'ial\nnext' }] }));
  feed(trace({ vertexes: [{ digest: 'a', name: '[a 2/2] RUN one', started: 1000, completed: 2000, error: 'exit code: 1' }, { digest: 'b', name: '[b 2/2] RUN two', started: 1000, completed: 2000, error: 'context canceled' }] }));
  feed({ errorDetail: { message: 'executor failed running [/bin/sh -c one]: exit code: 1' } });
  assert.equal(
    text,
    [
      '#1 [a 2/2] RUN one',
      '',
      '#2 [b 2/2] RUN two',
      '#2 0.600 from b',
      '',
      '#1 [a 2/2] RUN one',
      '#1 0.700 from a, partial',
      '#1 1.000 next',
      '#1 ERROR: exit code: 1',
      '',
      '#2 [b 2/2] RUN two',
      '#2 CANCELED',
      '------',
      ' > [a 2/2] RUN one:',
      '    from a, partial',
      '    next',
      '------',
      'ERROR: executor failed running [/bin/sh -c one]: exit code: 1',
      '',
    ].join('\n'),
  );
  assert.equal(reader.failure?.step?.stage, 'a');
  assert.equal(reader.failure?.exitCode, 1);
});

test('output without line ends stays bounded: an overlong partial line is printed as it is', () => {
  const progress = new BuildKitProgress();
  const decode = (message: BuildMessage) => progress.read(traceOf(message)!).text;
  decode(trace({ vertexes: [{ digest: 'a', name: '[1/1] RUN yes', started: 0 }] }));
  let printed = '';
  for (let i = 0; i < 100; i++) {
    printed += decode(trace({ logs: [{ vertex: 'a', at: 10, msg: 'y'.repeat(1000) }] }));
  }
  const lines = printed.split('\n').filter(Boolean);
  assert.ok(lines.length >= 11, `${lines.length} lines`);
  assert.ok(lines.every((line) => line.length <= 8 * 1024 + 1000 + 20));
});

test('several steps started by one progress update are each reported, in order (a busy engine batches them)', () => {
  const progress = new BuildKitProgress();
  const read = progress.read(
    traceOf(
      trace({
        vertexes: [
          { digest: 'from', name: '[base 1/3] FROM docker.io/dockside-test/busybox:1', started: 0, completed: 1 },
          { digest: 'copy', name: '[base 2/3] COPY . /ctx', started: 1 },
        ],
      }),
    )!,
  );
  assert.deepEqual(read.steps.map(describeStep), ['[base 1/3] FROM docker.io/dockside-test/busybox:1', '[base 2/3] COPY . /ctx']);
  assert.equal(progress.step && describeStep(progress.step), '[base 2/3] COPY . /ctx', 'the notification shows the step started last');
});

/** The share of the steps started after each message that changed it, in percent. */
function sharesOf(name: string): number[] {
  const reader = new BuildKitOutputReader();
  const shares: number[] = [];
  for (const message of fixture(name)) {
    reader.read(message);
    const share = reader.share;
    if (share !== undefined && Math.round(share * 100) !== shares.at(-1)) {
      shares.push(Math.round(share * 100));
    }
  }
  return shares;
}

test("the build notification's share: steps started over the steps BuildKit announced, across stages", () => {
  assert.deepEqual(sharesOf('success'), [20, 40, 60, 80, 100], 'five steps, the cached FROM counted');
  const multistage = sharesOf('multistage');
  assert.equal(multistage.at(-1), 100, 'every announced step of the three stages started');
  assert.ok(multistage.length >= 3, `the share grew step by step (${multistage.join(', ')})`);
  assert.deepEqual([...multistage].sort((a, b) => a - b), multistage, 'it never shrank');
});
