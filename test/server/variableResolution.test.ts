/**
 * A variable resolves to the declaration in effect on its line: the ARGs before the first FROM on a FROM line,
 * the stage's own declarations elsewhere (an ENV over an ARG of the same name, a later one over an earlier one),
 * a stage ARG without a value to the global ARG's value. Seen as the user sees it, in hover.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { parse } from '../../server/parse/parser';
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
