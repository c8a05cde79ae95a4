/**
 * The facts a hover reads on a document whose whole facts are not computed yet (collectFactsThrough) hold, for
 * every occurrence in the instruction under the cursor, what the whole document's facts hold: the same symbol,
 * kind, name and declaration flag, and the stage a stage name refers to. Checked on every instruction of every
 * corpus file and on documents written to exercise scoping.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { collectFacts, collectFactsThrough, occurrenceAt, type DocumentFacts } from '../../server/dockerfile/parse/facts';

const corpus = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'dockerfiles');

const scoping = [
  'ARG TAG=3.20\nARG OPT\nFROM alpine:$TAG AS base\nARG TAG\nENV A=1 B=$A\nRUN echo $TAG $OPT $A $B\nFROM base AS two\nARG OPT=x\nCOPY --from=base /a /b\nRUN --mount=from=base,target=/m echo $OPT\nFROM two\nRUN echo $TAG\n',
  'FROM alpine AS Build\nENV X=1\nONBUILD RUN echo $X\nFROM build\nCOPY --from=BUILD /a /b\nCOPY --from=later /a /b\nFROM alpine AS later\nENV X=2 X=3\nRUN echo ${X:-d}\n',
  'ARG A\nARG B=$A\nRUN echo $A\n',
];

/** What a hover shows of the occurrence at `position`, looked up in `facts`. */
function seen(facts: DocumentFacts, line: number, character: number) {
  const occurrence = occurrenceAt(facts, { line, character });
  const symbol = occurrence && facts.symbols.get(occurrence.key);
  const stage = symbol?.kind === 'stage' ? facts.stages.find((candidate) => candidate.name?.toLowerCase() === symbol.name.toLowerCase()) : undefined;
  return occurrence && { range: occurrence.range, declaration: occurrence.declaration, key: occurrence.key, kind: symbol?.kind, name: symbol?.name, stage: stage?.index };
}

function assertSameAsWholeFacts(text: string, label: string): number {
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  const whole = collectFacts(dockerfile);
  let compared = 0;
  instructions.forEach((instruction, index) => {
    const partial = collectFactsThrough(instructions, index);
    const { start, end } = instruction.getRange();
    for (const occurrence of whole.occurrences) {
      const at = occurrence.range.start;
      if (at.line >= start.line && at.line <= end.line) {
        assert.deepEqual(seen(partial, at.line, at.character), seen(whole, at.line, at.character), `${label}, line ${at.line + 1}`);
        compared++;
      }
    }
    // A position in the instruction with no occurrence has none in either.
    assert.equal(seen(partial, start.line, start.character), seen(whole, start.line, start.character), `${label}, line ${start.line + 1} start`);
  });
  return compared;
}

test('on documents written to exercise scoping, the facts up to an instruction agree with the whole facts there', () => {
  const compared = scoping.reduce((sum, text, index) => sum + assertSameAsWholeFacts(text, `case ${index}`), 0);
  assert.ok(compared >= 20, `${compared} occurrences compared`);
});

test('on every corpus file, the facts up to each instruction agree with the whole facts there', { skip: fs.existsSync(corpus) ? false : 'the corpus is absent' }, () => {
  let compared = 0;
  for (const name of fs.readdirSync(corpus).filter((file) => !/\.(md|tsv)$/.test(file))) {
    compared += assertSameAsWholeFacts(fs.readFileSync(path.join(corpus, name), 'utf8'), name);
  }
  assert.ok(compared > 4000, `${compared} occurrences compared`);
});
