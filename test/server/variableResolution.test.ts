/**
 * A variable resolves to the declaration in effect on its line: the ARGs before the first FROM on a FROM line,
 * the stage's own declarations elsewhere (an ENV over an ARG of the same name, a later one over an earlier one),
 * a stage ARG without a value to the global ARG's value. Seen as the user sees it, in hover.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { globalArgDeclarations, globalArgValues, platformArgs } from '../../server/dockerfile/parse/globalArgs';
import { parse } from '../../server/dockerfile/parse/parser';
import { expandWord, ExpansionError } from '../../server/dockerfile/parse/wordExpansion';
import { startServer, TestClient } from './harness';

const uri = 'file:///project/resolution/Dockerfile';
const lines = [
  'ARG TAG=3.19', //                      0
  'ARG OPT', //                           1
  'FROM alpine:$TAG AS one', //           2
  'ARG TAG', //                           3
  'RUN echo $TAG $OPT', //                4
  'ENV TAG=env-one OTHER=x', //           5
  'ARG TAG=arg-one', //                   6
  'RUN echo $TAG', //                     7
  'ENV TAG=again TAG=ignored', //         8
  'RUN echo ${TAG}', //                   9
  'FROM alpine:$TAG AS two', //           10
  'ARG OPT=stage-two', //                 11
  'RUN echo $OPT', //                     12
  'ENV OPT=env-two', //                   13
  'RUN echo $OPT', //                     14
  'ARG OPT=later', //                     15
  'RUN echo $OPT', //                     16
  'FROM alpine AS three', //              17
  'ARG OPT=three', //                     18
  'RUN echo $OPT', //                     19
  '',
];

let client: TestClient;

before(async () => {
  client = await startServer();
  await client.open(uri, lines.join('\n'));
});
after(() => client.dispose());

async function hoverText(line: number, character: number): Promise<string | undefined> {
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as Hover | null;
  return (hover?.contents as MarkupContent | undefined)?.value;
}

test('a variable resolves to the declaration in effect on its line, stage by stage', async () => {
  const cases: [number, number, string | undefined][] = [
    [2, 14, '`TAG` = `3.19`'],
    [4, 11, '`TAG` = `3.19`'],
    // The global OPT is not redeclared in this stage: no variable there to hover.
    [4, 16, undefined],
    [7, 11, '`TAG` = `env-one`'],
    [9, 12, '`TAG` = `again`'],
    [10, 14, '`TAG` = `3.19`'],
    [12, 11, '`OPT` = `stage-two`'],
    [14, 11, '`OPT` = `env-two`'],
    [16, 11, '`OPT` = `env-two`'],
    [19, 11, '`OPT` = `three`'],
  ];
  const seen = [];
  for (const [line, character] of cases) {
    seen.push([line, character, await hoverText(line, character)]);
  }
  assert.deepEqual(seen, cases);
});

test('in a file of many stages, each reference resolves within its own stage', async () => {
  const big = 'file:///project/resolution/big/Dockerfile';
  const stage = (index: number) => [`FROM alpine AS s${index}`, `ARG V=first${index}`, ...Array.from({ length: 96 }, (_, line) => `RUN echo $V ${line}`), `ENV V=second${index}`, 'RUN echo $V'];
  const text = ['ARG V=global', ...Array.from({ length: 50 }, (_, index) => stage(index)).flat()].join('\n') + '\n';
  await client.open(big, text);
  const hover = async (line: number) =>
    (((await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: big }, position: { line, character: 11 } })) as Hover).contents as MarkupContent).value;
  const seen = [];
  const expected = [];
  for (const index of [0, 1, 24, 49]) {
    const start = 1 + index * 100;
    seen.push(await hover(start + 2), await hover(start + 97), await hover(start + 99));
    expected.push(`\`V\` = \`first${index}\``, `\`V\` = \`first${index}\``, `\`V\` = \`second${index}\``);
  }
  assert.deepEqual(seen, expected);
});

test('a line no stage holds offers the variables declared before it', () => {
  // The library asked the Dockerfile itself for such a line, which asked itself again until the stack overflowed:
  // completion after `$` failed there.
  const dockerfile = parse('ARG A=1\n\nFROM alpine\nENV B=2\nRUN echo\n');
  assert.deepEqual([0, 1, 2, 3, 4].map((line) => dockerfile.getAvailableVariables(line)), [[], ['A'], ['A'], [], ['B']]);
});

describe('a word expands as the builder expands it', () => {
  const environment = new Map([
    ['SET', 'value'],
    ['EMPTY', ''],
    ['PLATFORM', 'linux/arm64/v8'],
    ['PATHS', 'a/b/c.tar.gz'],
  ]);
  const cases: [string, string][] = [
    ['$SET ${SET} $UNSET-${UNSET}', 'value value -'],
    // Quotes inside the word of a modifier are removed, as everywhere else in the word.
    ['${UNSET:-"supported"}', 'supported'],
    ['${SET:+"unsupported"}', 'unsupported'],
    ["${UNSET:-'a b'}", 'a b'],
    ['${EMPTY:-x} ${EMPTY-x} ${EMPTY:+y} ${EMPTY+y}', 'x   y'],
    // Nested references in the word.
    ['${UNSET:-${SET:+"in-${SET}"}}', 'in-value'],
    ['"${UNSET:-a}"\'$SET\'', 'a$SET'],
    ['\\$SET \\"', '$SET "'],
    ['${PLATFORM#linux/} ${PLATFORM##*/} ${PLATFORM%/*} ${PLATFORM%%/*}', 'arm64/v8 v8 linux/arm64 linux'],
    ['${PLATFORM#linux/amd64}', 'linux/arm64/v8'],
    ['${PATHS/\\//-} ${PATHS//\\//-} ${PATHS/?.tar/.zip}', 'a-b/c.tar.gz a-b-c.tar.gz a/b/.zip.gz'],
    ['${SET:?} $ ${SET}$', 'value $ value$'],
  ];
  for (const [word, expected] of cases) {
    test(word, () => assert.equal(expandWord(word, environment).value, expected));
  }
  test('the escape character of the file escapes', () => {
    assert.equal(expandWord('C:\\dir `$SET', environment, '`').value, 'C:\\dir $SET');
  });
  test('what the builder refuses to expand is an error, not a value', () => {
    for (const word of ['${UNSET:?needed}', '${EMPTY:?}', '${SET', '${:x}', '${}', '"open', "'open", '${SET~x}']) {
      assert.throws(() => expandWord(word, environment), ExpansionError, word);
    }
  });
});

describe('global ARGs take their defaults in order, each expanded against those before it', () => {
  const values = (text: string, platform = { os: 'linux', architecture: 'amd64', variant: '' }) => {
    const dockerfile = parse(text);
    const declarations = globalArgDeclarations(dockerfile, text, (position) => offsetIn(text, position), '\\');
    return globalArgValues(declarations, platformArgs(platform, ''), '\\');
  };
  const loong64 = [
    'ARG BUILD_LOONG64=${TARGETPLATFORM#linux/amd64}',
    'ARG BUILD_LOONG64=${BUILD_LOONG64:+"unsupported"}',
    'ARG BUILD_LOONG64=${BUILD_LOONG64:-"supported"}',
    'FROM exit-loong64-${BUILD_LOONG64} AS exit-loong64',
    '',
  ].join('\n');
  test('a redeclared ARG reads its previous value', () => {
    assert.equal(values(loong64)?.get('BUILD_LOONG64'), 'supported');
    assert.equal(values(loong64, { os: 'linux', architecture: 'arm64', variant: '' })?.get('BUILD_LOONG64'), 'unsupported');
  });
  test('an ARG without a default keeps the value it had; several names on one ARG', () => {
    const result = values('ARG A=1 B=${A}2\nARG A\nARG TARGETARCH\nARG C="${B}\\\n3"\nFROM x\n');
    assert.deepEqual([result?.get('A'), result?.get('B'), result?.get('TARGETARCH'), result?.get('C')], ['1', '12', 'amd64', '123']);
  });
  test('a default the builder cannot expand leaves the values unknown', () => {
    assert.equal(values('ARG A=${UNSET:?required}\nFROM x\n'), undefined);
  });
});

function offsetIn(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    offset = text.indexOf('\n', offset) + 1;
  }
  return offset + position.character;
}
