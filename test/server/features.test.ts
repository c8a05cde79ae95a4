import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CompletionItem,
  DocumentHighlight,
  DocumentSymbol,
  Hover,
  Location,
  MarkupContent,
  Range,
  SemanticTokensLegend,
  SignatureHelp,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LocalImagesNotification } from '../../server/protocol';
import { startServer, TestClient } from './harness';

const uri = 'file:///project/Dockerfile';
const lines = [
  '# syntax=docker/dockerfile:1', //                 0
  'ARG BASE=alpine', //                              1
  'FROM ${BASE}:3.19 AS build', //                   2
  'ARG VERSION=1.0', //                              3
  'ENV APP_HOME=/app', //                            4
  'WORKDIR $APP_HOME', //                            5
  'RUN echo ${VERSION} > version.txt', //            6
  'FROM build AS test', //                           7
  'COPY --from=build /app/version.txt /tmp/', //     8
  'FROM alpine:3.19', //                             9
  '  EXPOSE 80', //                                  10
  'HEALTHCHECK --interval=5s CMD true', //           11
  'RUN apk add \\', //                               12
  '    curl', //                                     13
  'from ', //                                        14
  '',
];

function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

let client: TestClient;
const request = <T>(method: string, params: object): Promise<T> =>
  client.connection.sendRequest(method, { textDocument: { uri }, ...params }) as Promise<T>;
const at = (line: number, character: number) => ({ position: { line, character } });

before(async () => {
  client = await startServer();
  await client.open(uri, lines.join('\n'));
  await client.connection.sendNotification(LocalImagesNotification, {
    images: [
      { repository: 'alpine', tag: '3.19', id: 'sha256:0123456789abcdef', size: 7_400_000, created: 1_700_000_000, layers: 1 },
      { repository: 'alpine', tag: '3.20', id: 'sha256:fedcba9876543210', size: 7_800_000, created: 1_710_000_000, layers: 1 },
      { repository: 'dockside-test/busybox', tag: '1', id: 'sha256:1111', size: 1_000_000, created: 1_700_000_000 },
    ],
  });
});
after(() => client.dispose());

test('definition of a variable reference is its ENV declaration', async () => {
  const location = await request<Location>('textDocument/definition', at(5, 10));
  assert.deepEqual(location, { uri, range: range(4, 4, 12) });
});

test('definition of a stage reference in COPY --from is the AS name', async () => {
  const location = await request<Location>('textDocument/definition', at(8, 14));
  assert.deepEqual(location, { uri, range: range(2, 21, 26) });
});

test('references of a stage: its declaration, FROM and COPY --from', async () => {
  const locations = await request<Location[]>('textDocument/references', { ...at(2, 23), context: { includeDeclaration: true } });
  assert.deepEqual(
    locations.map((location) => location.range),
    [range(2, 21, 26), range(7, 5, 10), range(8, 12, 17)],
  );
  const withoutDeclaration = await request<Location[]>('textDocument/references', { ...at(2, 23), context: { includeDeclaration: false } });
  assert.deepEqual(withoutDeclaration.map((location) => location.range), [range(7, 5, 10), range(8, 12, 17)]);
});

test('references of a global ARG include its use in FROM', async () => {
  const locations = await request<Location[]>('textDocument/references', { ...at(2, 8), context: { includeDeclaration: true } });
  assert.deepEqual(locations.map((location) => location.range), [range(1, 4, 8), range(2, 7, 11)]);
});

test('document highlight marks the declaration as write and the use as read', async () => {
  const highlights = await request<DocumentHighlight[]>('textDocument/documentHighlight', at(3, 6));
  assert.deepEqual(highlights, [
    { range: range(3, 4, 11), kind: 3 },
    { range: range(6, 11, 18), kind: 2 },
  ]);
});

test("completion offers BuildKit's RUN, COPY and ADD flags, mount options, platforms and check names", async () => {
  const labels = async (text: string, line: number, character: number) => {
    const uri = `file:///project/flags/${encodeURIComponent(text)}/Dockerfile`;
    await client.open(uri, text);
    const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    return items.map((item) => (item.textEdit && 'range' in item.textEdit && item.textEdit.newText !== item.label ? `${item.label}>${item.textEdit.newText}` : item.label));
  };
  assert.deepEqual(await labels('FROM a\nRUN --', 1, 6), ['--mount>--mount=', '--network>--network=', '--device>--device=', '--security>--security=']);
  assert.deepEqual(await labels('FROM a\nRUN --mount=type=', 1, 17), ['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
  assert.deepEqual(await labels('FROM a\nRUN --mount=type=cache,target=/root/.npm,s', 1, 42), ['sharing>sharing=', 'source>source=']);
  assert.deepEqual(await labels('FROM a\nRUN --mount=type=cache,sharing=', 1, 31), ['shared', 'private', 'locked']);
  assert.deepEqual(await labels('FROM a\nRUN --network=', 1, 14), ['default', 'none', 'host']);
  // A flag already given is not offered again, unless it may repeat.
  assert.deepEqual(await labels('FROM a\nCOPY --link --exclude=*.md --', 1, 28), ['--from>--from=', '--chown>--chown=', '--chmod>--chmod=', '--parents', '--exclude>--exclude=']);
  assert.deepEqual(await labels('FROM a\nADD --c', 1, 7), ['--chown>--chown=', '--chmod>--chmod=', '--checksum>--checksum=']);
  // The stages after --from= still come from the library; a command line gets no flags.
  assert.deepEqual(await labels('FROM a AS build\nFROM b\nCOPY --from=', 2, 12), ['build']);
  assert.deepEqual(await labels('FROM a\nRUN echo --', 1, 11), []);
  assert.deepEqual(await labels('# check=skip=JSONArgsRecommended,Stage', 0, 38), ['StageNameCasing']);
  assert.deepEqual((await labels('FROM --platform=', 0, 16)).slice(0, 3), ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64']);
  assert.deepEqual(await labels('FROM --platform=linux/ar', 0, 24), ['linux/arm64', 'linux/arm/v7']);
});

test('hover documents the BuildKit flags and the check directive the library does not know', async () => {
  const flagged = 'file:///project/flag-hover/Dockerfile';
  await client.open(flagged, '# check=skip=StageNameCasing;error=true\nFROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\nCOPY --link --chmod=755 run.sh /\n');
  const hoverText = async (line: number, character: number) =>
    ((await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: flagged }, position: { line, character } })).contents as MarkupContent).value;
  assert.match(await hoverText(0, 3), /^BuildKit's build checks for this file: `skip=`/);
  assert.match(await hoverText(2, 8), /^\*\*--mount\*\*: a mount for this RUN only/);
  assert.match(await hoverText(2, 20), /^\*\*--mount\*\*/, 'on the value too');
  assert.match(await hoverText(3, 8), /^\*\*--link\*\*: copy into a layer of its own/);
  assert.match(await hoverText(3, 15), /^\*\*--chmod\*\*/);
});

test('rename of an ARG edits its declaration and every use', async () => {
  const prepared = await request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at(6, 12));
  assert.deepEqual(prepared, { range: range(6, 11, 18), placeholder: 'VERSION' });
  const edit = await request<WorkspaceEdit>('textDocument/rename', { ...at(6, 12), newName: 'RELEASE' });
  assert.deepEqual(edit.changes?.[uri], [TextEdit.replace(range(3, 4, 11), 'RELEASE'), TextEdit.replace(range(6, 11, 18), 'RELEASE')]);
});

test('rename edits each use once, where the parser library lists a variable twice', async () => {
  // dockerfile-ast also reads the `$J` before a stray `\\ \\` line as a second variable reaching into that line; an
  // edit overlapping another makes the editor refuse the whole rename.
  const doubled = 'file:///project/doubled/Dockerfile';
  await client.open(doubled, 'FROM alpine:3.20\nARG J=1\nRUN echo $J \\\n\t\\ \\\nRUN true\n');
  const edit = await client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: doubled }, position: { line: 1, character: 4 }, newName: 'K' });
  assert.deepEqual(edit.changes?.[doubled], [TextEdit.replace(range(1, 4, 5), 'K'), TextEdit.replace(range(2, 10, 11), 'K')]);
});

test('rename refuses a name BuildKit would reject, with a message', async () => {
  await assert.rejects(request('textDocument/rename', { ...at(2, 23), newName: '9lives' }), /not a valid stage name/);
});

test('hover shows a variable with its resolved value', async () => {
  const cases: [number, number, string][] = [
    [5, 10, '`APP_HOME` = `/app`'],
    [2, 8, '`BASE` = `alpine`'],
    [1, 5, '`BASE` = `alpine`'],
    [6, 13, '`VERSION` = `1.0`'],
  ];
  for (const [line, character, expected] of cases) {
    const hover = await request<Hover>('textDocument/hover', at(line, character));
    const value = (hover.contents as MarkupContent).value;
    // ShellCheck's SC2086 on the unquoted ${VERSION} may already be published: its documentation then comes first.
    const variablePart = value.includes('\n\n---\n\n') ? value.slice(value.lastIndexOf('\n\n---\n\n') + 7) : value;
    assert.equal(variablePart, expected, `hover at ${line}:${character}`);
    if (variablePart !== value) assert.match(value, /^\*\*SC2086\*\*|SC2086/, `only a reported rule precedes the variable at ${line}:${character}`);
  }
});

test('hover documents instructions and flags', async () => {
  const keyword = await request<Hover>('textDocument/hover', at(7, 1));
  assert.match((keyword.contents as MarkupContent).value, /^Set the `baseImage` to use for subsequent instructions/);
  const flag = await request<Hover>('textDocument/hover', at(8, 8));
  assert.match((flag.contents as MarkupContent).value, /^The previous build stage to use as the source location/);
});

test('hover on a FROM image shows the facts of the local image', async () => {
  const hover = await request<Hover>('textDocument/hover', at(9, 7));
  assert.equal(
    (hover.contents as MarkupContent).value,
    [
      '**alpine:3.19** (local image)',
      '',
      '- Size: 7.4 MB',
      '- Created: 2023-11-14T22:13:20Z',
      '- Layers: 1',
      '- Id: `0123456789ab`',
      '',
      `[Inspect local image](command:dockside.images.inspect?${encodeURIComponent('[{"kind":"image","id":"sha256:0123456789abcdef","name":"alpine:3.19"}]')} "Open the image's inspect JSON")`,
    ].join('\n'),
  );
});

test('completion after FROM offers earlier stages, local images and --platform', async () => {
  const items = await request<CompletionItem[]>('textDocument/completion', at(14, 5));
  assert.deepEqual(
    items.map((item) => [item.label, item.detail]),
    [
      ['build', 'build stage #0'],
      ['test', 'build stage #1'],
      ['alpine', 'local image (3.19, 3.20)'],
      ['dockside-test/busybox', 'local image (1)'],
      ['--platform', 'platform of the base image, e.g. linux/amd64'],
    ],
  );
  assert.deepEqual(items[2].textEdit, TextEdit.replace(range(14, 5, 5), 'alpine'));
});

test('completion of a FROM tag offers the local tags of that image', async () => {
  const edited = 'FROM alpine:3.';
  client.change(uri, 2, [{ range: range(14, 0, 5), text: edited }]);
  const items = await request<CompletionItem[]>('textDocument/completion', at(14, edited.length));
  assert.deepEqual(items.map((item) => item.label), ['3.19', '3.20']);
  assert.deepEqual(items[0].textEdit, TextEdit.replace(range(14, 12, 14), '3.19'));
  client.change(uri, 3, [{ range: range(14, 0, edited.length), text: 'from ' }]);
});

test('completion after COPY --from= offers the stage names', async () => {
  const items = await request<CompletionItem[]>('textDocument/completion', at(8, 12));
  assert.deepEqual(items.map((item) => item.label), ['build', 'test']);
});

test('completion after $ offers the variables in scope', async () => {
  const items = await request<CompletionItem[]>('textDocument/completion', at(6, 11));
  const labels = items.map((item) => item.label);
  assert.ok(labels.includes('${APP_HOME}') && labels.includes('${VERSION}'), labels.join(' '));
  assert.ok(!labels.includes('${BASE}'), 'a global ARG not redeclared in the stage is out of scope');
});

test('completion of an instruction keyword at the start of a line (a snippet when the client takes them)', async () => {
  const items = await request<CompletionItem[]>('textDocument/completion', at(14, 2));
  assert.deepEqual(
    items.map((item) => [item.label, item.textEdit]),
    [['FROM baseImage', TextEdit.replace(range(14, 0, 2), 'FROM ${1:baseImage}')]],
  );
});

test('completion of a parser directive value', async () => {
  client.change(uri, 4, [{ range: range(0, 9, 28), text: '' }]);
  const items = await request<CompletionItem[]>('textDocument/completion', at(0, 9));
  assert.deepEqual(items.map((item) => item.label), ['docker/dockerfile:1', 'docker/dockerfile:1-labs']);
  client.change(uri, 5, [{ range: range(0, 9, 9), text: 'docker/dockerfile:1' }]);
});

test('document symbols: global ARGs, then stages with their instructions', async () => {
  const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', {});
  assert.deepEqual(
    symbols.map((symbol) => [symbol.name, symbol.detail, symbol.range, symbol.children?.map((child) => child.name)]),
    [
      ['BASE', 'ARG', range(1, 0, 15), undefined],
      ['build', '${BASE}:3.19', range(2, 0, 33, 6), ['VERSION', 'ENV', 'WORKDIR', 'RUN']],
      ['test', 'build', range(7, 0, 40, 8), ['COPY']],
      ['stage 2', 'alpine:3.19', range(9, 0, 8, 13), ['EXPOSE', 'HEALTHCHECK', 'RUN']],
      ['stage 3', '', range(14, 0, 5), []],
    ],
  );
});

test('folding ranges cover multi-line instructions', async () => {
  const ranges = await request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', {});
  assert.deepEqual(ranges.map((folding) => [folding.startLine, folding.endLine]), [[12, 13]]);
});

test('semantic tokens use the standard legend: FROM is a keyword, the stage name a class', async () => {
  const legend = client.initializeResult.capabilities.semanticTokensProvider?.legend as SemanticTokensLegend;
  const { data } = await request<{ data: number[] }>('textDocument/semanticTokens/full', {});
  let line = 0;
  let character = 0;
  const tokens: [number, number, number, string][] = [];
  for (let index = 0; index < data.length; index += 5) {
    line += data[index];
    character = data[index] === 0 ? character + data[index + 1] : data[index + 1];
    tokens.push([line, character, data[index + 2], legend.tokenTypes[data[index + 3]]]);
  }
  const onLine7 = tokens.filter((token) => token[0] === 7);
  assert.deepEqual(onLine7, [
    [7, 0, 4, 'keyword'],
    [7, 5, 5, 'class'],
    [7, 11, 2, 'keyword'],
    [7, 14, 4, 'namespace'],
  ]);
});

test('semantic tokens survive a comment line and a blank line inside a continued instruction', async () => {
  const legend = client.initializeResult.capabilities.semanticTokensProvider?.legend as SemanticTokensLegend;
  const tricky = 'file:///project/tricky/Dockerfile';
  // The library's token splitting recursed forever on these: the request failed and the file lost every token.
  await client.open(tricky, 'FROM alpine:3.20\nENV VERSION 8.0 \\\n# a note\n\nCMD ["mongod"]\nRUN a \\\n# a note\n   \n    \\ \\\n');
  const { data } = await client.connection.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: tricky } });
  const keywords: number[] = [];
  for (let index = 0, line = 0; index < data.length; index += 5) {
    line += data[index];
    if (legend.tokenTypes[data[index + 3]] === 'keyword') {
      keywords.push(line);
    }
  }
  // FROM, ENV and RUN: the builder skips the comment and the blank line, so CMD continues the ENV.
  assert.deepEqual(keywords, [0, 1, 5]);
});

test('semantic tokens come in order without overlapping, around a stray escape-space-escape line', async () => {
  // The library emitted a token a line back and a variable twice here, which a client cannot lay out.
  const stray = 'file:///project/stray/Dockerfile';
  await client.open(stray, 'FROM alpine:3.20\nARG J=1\nWORKDIR /$J \\\n\t\\ \\\nLABEL a=$J \\\n\t\\ \\\nRUN true\n');
  const { data } = await client.connection.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: stray } });
  // Deltas: a token on the previous one's line starts relative to it, so it must start at least that one's length on.
  const misplaced: number[] = [];
  for (let index = 0, previousLength = 0; index < data.length; index += 5) {
    const [lineDelta, startDelta, length] = data.slice(index, index + 3);
    if (lineDelta < 0 || (index > 0 && lineDelta === 0 && startDelta < previousLength)) {
      misplaced.push(index / 5);
    }
    previousLength = length;
  }
  assert.deepEqual(misplaced, []);
  assert.ok(data.length >= 5 * 8, 'the file keeps its tokens');
});

test('formatting removes the indentation of an instruction', async () => {
  const edits = await request<TextEdit[]>('textDocument/formatting', { options: { tabSize: 4, insertSpaces: true } });
  assert.deepEqual(edits, [TextEdit.replace(range(10, 0, 2), '')]);
  const ranged = await request<TextEdit[]>('textDocument/rangeFormatting', { range: range(0, 0, 9, 9), options: { tabSize: 4, insertSpaces: true } });
  assert.deepEqual(ranged, []);
});

test('on-type formatting indents the line after a continuation', async () => {
  const typed = 'file:///project/typed/Dockerfile';
  await client.open(typed, 'FROM alpine\nRUN a \\\nb\n');
  const edits = await client.connection.sendRequest<TextEdit[]>('textDocument/onTypeFormatting', {
    textDocument: { uri: typed },
    position: { line: 1, character: 7 },
    ch: '\\',
    options: { tabSize: 4, insertSpaces: true },
  });
  assert.deepEqual(edits, [TextEdit.insert({ line: 2, character: 0 }, '    ')]);
});

test('formatting leaves continuation lines inside a string as written: their indentation is part of it', async () => {
  const quoted = 'file:///project/quoted/Dockerfile';
  await client.open(
    quoted,
    [
      'FROM python:3.12', //                                 0
      'RUN python3 -c "\\', //                              1
      'import os\\', //                                     2
      '"', //                                                3
      'ENV GREETING="hello \\', //                          4
      '\tworld" \\', //                                    5
      '  NEXT=1', //                                         6
      "RUN echo 'a \\", //                                 7
      "b' \\", //                                           8
      '    # it\'s a comment line, dropped by the builder', // 9
      ' && echo "it\\"s \\', //                           10
      'c"', //                                               11
      'CMD ["echo", "a \\', //                              12
      'b"]', //                                              13
      'RUN echo plain \\', //                              14
      '\t&& echo done', //                                  15
      '',
    ].join('\n'),
  );
  const edits = await client.connection.sendRequest<TextEdit[]>('textDocument/formatting', {
    textDocument: { uri: quoted },
    options: { tabSize: 4, insertSpaces: true },
  });
  // Lines 2, 3, 5, 8, 11 and 13 start inside quotes; 6 follows a closed string, 9 is a comment line, 10 starts
  // outside the single-quoted string and 15 is an ordinary continuation.
  assert.deepEqual(edits, [
    TextEdit.replace(range(6, 0, 2), '    '),
    TextEdit.replace(range(10, 0, 1), '    '),
    TextEdit.replace(range(15, 0, 1), '    '),
  ]);
  const typed = await client.connection.sendRequest<TextEdit[]>('textDocument/onTypeFormatting', {
    textDocument: { uri: quoted },
    position: { line: 1, character: 16 },
    ch: '\\',
    options: { tabSize: 4, insertSpaces: true },
  });
  assert.deepEqual(typed, []);
});

test('document links point image names at their registry page, not variables', async () => {
  const links = await request<{ range: Range; data?: unknown }[]>('textDocument/documentLink', {});
  assert.deepEqual(links.map((link) => link.range), [range(9, 5, 11)]);
  const resolved = await client.connection.sendRequest<{ target?: string }>('documentLink/resolve', links[0]);
  assert.equal(resolved.target, 'https://hub.docker.com/_/alpine/');
});

test('signature help for HEALTHCHECK', async () => {
  const help = await request<SignatureHelp>('textDocument/signatureHelp', at(11, 14));
  assert.equal(help.signatures[0].label, 'HEALTHCHECK [flags] CMD ...');
  assert.equal(help.activeParameter, 0);
});

test('on a long file, completion and signature help see the right stage and land on the right line', async () => {
  const big = 'file:///project/big/Dockerfile';
  const filler = Array.from({ length: 600 }, (_, index) => `RUN echo ${index}`);
  const text = ['ARG GLOBAL=1', 'FROM alpine AS first', 'ENV FIRST_ONLY=1', ...filler, 'FROM alpine AS second', 'ENV LATE=2', ...filler, 'RUN echo $', 'COPY --from= /a /b', 'EXPOSE ', ''].join('\n');
  await client.open(big, text);
  const dollarLine = 3 + 600 + 2 + 600;
  const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
    textDocument: { uri: big },
    position: { line: dollarLine, character: 10 },
  });
  const late = items.find((item) => item.label === '${LATE}');
  assert.deepEqual(late?.textEdit, TextEdit.replace(range(dollarLine, 9, 10), '${LATE}'));
  assert.equal(items.find((item) => item.label === '${FIRST_ONLY}'), undefined, 'a variable of another stage is out of scope');
  const stages = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
    textDocument: { uri: big },
    position: { line: dollarLine + 1, character: 12 },
  });
  assert.deepEqual(
    stages.map((item) => [item.label, item.textEdit]),
    [
      ['first', TextEdit.replace(range(dollarLine + 1, 12, 12), 'first')],
      ['second', TextEdit.replace(range(dollarLine + 1, 12, 12), 'second')],
    ],
  );
  const help = await client.connection.sendRequest<SignatureHelp>('textDocument/signatureHelp', {
    textDocument: { uri: big },
    position: { line: dollarLine + 2, character: 7 },
  });
  assert.equal(help.signatures[0].label, 'EXPOSE port ...');
});

test('semantic tokens leave the shared parse intact: folding sees the same comments before and after', async () => {
  const shared = 'file:///project/shared/Dockerfile';
  await client.open(shared, ['FROM alpine', 'RUN a \\', '  # one', '  # two', '  && b', ''].join('\n'));
  const folding = () =>
    client.connection.sendRequest<{ startLine: number; endLine: number; kind?: string }[]>('textDocument/foldingRange', {
      textDocument: { uri: shared },
    });
  const expected = [
    [1, 4, undefined],
    [2, 3, 'comment'],
  ];
  assert.deepEqual((await folding()).map((range) => [range.startLine, range.endLine, range.kind]), expected);
  await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: shared } });
  assert.deepEqual((await folding()).map((range) => [range.startLine, range.endLine, range.kind]), expected);
});
