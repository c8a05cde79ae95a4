import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runFlagProblems } from '../../server/dockerfile/diagnostics/runFlags';
import { parse } from '../../server/dockerfile/parse/parser';

const problems = (run: string) =>
  runFlagProblems(parse(`FROM alpine:3.20\n${run}\n`)).map(({ range, message }) => `${range.start.character}-${range.end.character} ${message}`);

test('the flags BuildKit takes on RUN get no problem', () => {
  for (const run of [
    'RUN --mount=type=cache,target=/root/.cache/pip,sharing=locked pip install x',
    'RUN --mount=type=bind,target=/tmp/p,source=/tmp/p,from=builder,rw true',
    'RUN --mount=from=scan-image,source=/,target=/rootfs true',
    'RUN --mount=type=secret,id=token,env=TOKEN,required --mount=type=ssh true',
    'RUN --mount=type=tmpfs,target=/t,size=64m --network=none --security=insecure --device=vendor.com/gpu=0 true',
    'RUN --mount=type=$TYPE,target=/x --network=$NET true',
    'RUN --mount="type=cache,target=/x" true',
    'RUN echo --nothing-here',
  ]) {
    assert.deepEqual(problems(run), [], run);
  }
});

test('what the builder rejects on RUN: an unknown flag, network or security value, mount type, option or sharing mode', () => {
  assert.deepEqual(problems('RUN --mout=type=cache,target=/x true'), ['4-10 Unknown flag: mout']);
  assert.deepEqual(problems('RUN --network=bridge true'), ['14-20 Unsupported --network value "bridge": use default, none or host']);
  assert.deepEqual(problems('RUN --security=privileged true'), ['15-25 Unsupported --security value "privileged": use sandbox or insecure']);
  assert.deepEqual(problems('RUN --mount=type=cach,target=/x true'), ['12-21 Unsupported --mount type "cach": use bind, cache, tmpfs, secret or ssh']);
  assert.deepEqual(problems('RUN --mount=type=cache,targte=/x,sharing=lock true'), [
    '23-32 Unknown --mount option "targte"',
    '33-45 Unsupported --mount sharing "lock": use shared, private or locked',
  ]);
});
