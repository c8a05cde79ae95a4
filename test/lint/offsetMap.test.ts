/**
 * OffsetMap keeps runs where the linter used to keep one offset per script character: it must answer exactly as
 * that array did, for every index, slice and composition.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OffsetMap, OffsetMapBuilder } from '../../server/dockerfile/lint/shell/offsetMap';
import { joinContinuations } from '../../server/dockerfile/lint/shell/source';

/** The array model: one offset per character, plus the end. */
function asArray(map: OffsetMap): number[] {
  return Array.from({ length: map.length + 1 }, (_, index) => map.at(index));
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

test('a continued RUN maps each script character to its Dockerfile offset', () => {
  const text = 'RUN apt-get update \\\n  # a comment\n    && echo hi\r\nRUN next';
  const { script, offsets } = joinContinuations(text, 4, text.length, '\\');
  assert.equal(script, 'apt-get update     && echo hi');
  for (let index = 0; index < script.length; index++) {
    assert.equal(text[offsets.at(index)], script[index], `character ${index}`);
  }
  // The end is just after the last character, and indexes past it clamp to it.
  assert.equal(offsets.at(script.length), text.indexOf('hi') + 2);
  assert.equal(offsets.at(script.length + 10), text.indexOf('hi') + 2);
});

test('an empty script maps its end to where reading stopped', () => {
  const text = 'RUN    \nRUN x';
  const { script, offsets } = joinContinuations(text, 3, 7, '\\');
  assert.equal(script, '');
  assert.equal(offsets.length, 0);
  assert.equal(offsets.at(0), 7);
});

test('random runs, slices and compositions agree with the per-character array', () => {
  const next = random(7);
  for (let round = 0; round < 300; round++) {
    const builder = new OffsetMapBuilder();
    const model: number[] = [];
    let offset = Math.floor(next() * 50);
    for (let part = Math.floor(next() * 6); part >= 0; part--) {
      const count = Math.floor(next() * 8);
      if (next() < 0.7) {
        builder.consecutive(offset, count);
        for (let i = 0; i < count; i++) {
          model.push(offset + i);
        }
        offset += count + (next() < 0.5 ? 0 : Math.floor(next() * 5));
      } else {
        builder.repeated(offset, count);
        for (let i = 0; i < count; i++) {
          model.push(offset);
        }
      }
    }
    const end = offset + 1;
    const map = builder.build(end);
    assert.deepEqual(asArray(map), [...model, end]);

    const from = Math.floor(next() * (model.length + 1));
    const to = from + Math.floor(next() * (model.length - from + 1));
    const sliced = map.slice(from, to);
    // Array.slice(from, to + 1): the slice's own end is the map's offset at `to`.
    assert.deepEqual(asArray(sliced), [...model, end].slice(from, to + 1), `slice(${from}, ${to}) of round ${round}`);

    // A script whose indexes point into this one (a heredoc body found in it), read through to the Dockerfile.
    const inner = OffsetMap.shifted(to - from, from);
    assert.deepEqual(asArray(inner.through(map)), [...model, end].slice(from, to + 1));
  }
});
