import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ValidationCode } from 'dockerfile-utils';
import { CodeAction, Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-protocol';
import { startServer, TestClient } from './harness';

let client: TestClient;
before(async () => {
  client = await startServer();
});
after(() => client.dispose());

let counter = 0;
const open = (text: string) => client.open(`file:///diagnostics/${counter++}/Dockerfile`, text);
const errors = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error);

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

test('files BuildKit accepts get no error', async () => {
  const accepted: [string, string][] = [
    ['multi-source COPY into .', 'FROM alpine\nCOPY a b .\n'],
    ['multi-source COPY into a relative dir ending in /.', 'FROM alpine\nCOPY a b ./.\n'],
    ['multi-source COPY into a variable destination', 'FROM alpine\nARG DEST=/opt/\nCOPY a b $DEST\n'],
    [
      'a Windows path ending in an escaped backslash is not a continuation',
      'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=mongo:7 \\\n\tC:\\\\a.dll \\\n\tC:\\\\b.dll \\\n\tC:\\\\Windows\\\\System32\\\\\n\nENV MONGO_VERSION 7.0.37\n',
    ],
    ['COPY --parents and --exclude', 'FROM alpine\nCOPY --parents --exclude=*.md src/ /app/\n'],
    ['ADD --checksum', 'FROM alpine\nADD --checksum=sha256:0123 https://example.invalid/a.tgz /a.tgz\n'],
    ['ADD --keep-git-dir', 'FROM alpine\nADD --keep-git-dir=true https://example.invalid/r.git /src\n'],
    ['EXPOSE with an IP address or an empty host port', 'FROM alpine\nEXPOSE 127.0.0.1:8080:80/tcp "[::1]:53:53/udp" :9000 0.0.0.0::8000-8010\n'],
  ];
  for (const [name, text] of accepted) {
    assert.deepEqual(errors(await open(text)), [], name);
  }
});

test("BuildKit's archutil.Dockerfile shape: redeclared ARGs expand their previous value, quotes included", async () => {
  // With `# check=error=true` a false DS116 invalid-default-arg-in-from finding was an error on a file the builder builds.
  const text = [
    '# syntax=docker/dockerfile-upstream:master',
    '# check=error=true',
    '',
    'ARG GO_VERSION=1.26',
    'ARG BUILD_LOONG64=${TARGETPLATFORM#linux/amd64}',
    'ARG BUILD_LOONG64=${BUILD_LOONG64:+"unsupported"}',
    'ARG BUILD_LOONG64=${BUILD_LOONG64:-"supported"}',
    '',
    'FROM debian:trixie-slim AS base',
    'WORKDIR /src',
    '',
    'FROM base AS exit-loong64-base',
    'RUN loongarch64-linux-gnu-as --noexecstack -o exit.o exit.loongarch64.s',
    '',
    'FROM scratch AS exit-loong64-unsupported',
    'FROM scratch AS exit-loong64-supported',
    'COPY --from=exit-loong64-base /src/exit /loong64',
    'FROM exit-loong64-${BUILD_LOONG64} AS exit-loong64',
    '',
    'FROM golang:${GO_VERSION}-alpine AS generate',
    'ARG BUILD_LOONG64',
    'COPY --from=exit-loong64 / /',
    'RUN [ "${BUILD_LOONG64}" = "unsupported" ] || echo loong64',
    '',
  ].join('\n');
  const diagnostics = await open(text);
  assert.deepEqual(errors(diagnostics), []);
  assert.deepEqual(diagnostics.filter((diagnostic) => diagnostic.code === 'DS116'), []);
  // The same FROM with a default that leaves no stage name is still reported, as an error under the directive.
  const broken = await open(text.replace('${BUILD_LOONG64:-"supported"}', '${BUILD_LOONG64:+}'));
  assert.deepEqual(
    errors(broken).map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]),
    [['DS116', 17]],
  );
});

test('an escaped-backslash path leaves the next instruction its own', async () => {
  const text = 'FROM alpine\nCOPY a \\\n  C:\\\\dir\\\\\nENV X=1\nRUN echo $X\n';
  const uri = `file:///diagnostics/${counter++}/Dockerfile`;
  await client.open(uri, text);
  const definition = await client.connection.sendRequest<{ range: Range }>('textDocument/definition', {
    textDocument: { uri },
    position: { line: 4, character: 11 },
  });
  assert.deepEqual(definition.range, range(3, 4, 5));
});

test('real errors stay errors, with the validator as source', async () => {
  const diagnostics = errors(await open('FROM alpine\nCOPY a b /file\nEXPOSE\n'));
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.range, diagnostic.source]),
    [[range(2, 0, 6), 'dockerfile-utils']],
  );
  const ports = errors(await open('FROM alpine\nEXPOSE 1.2.3:80:80 web 70000:80\n'));
  assert.deepEqual(
    ports.map((diagnostic) => [diagnostic.range, diagnostic.source]),
    [[range(1, 7, 18), 'dockerfile-utils'], [range(1, 19, 22), 'dockerfile-utils'], [range(1, 23, 31), 'dockside']],
    'an invalid IP address, a name and a host port past 65535 are errors, as the builder says',
  );
  const copy = (await open('FROM alpine\nCOPY a b /file\n')).find((diagnostic) => diagnostic.range.start.line === 1);
  assert.equal(copy?.severity, DiagnosticSeverity.Warning, 'a destination that may be a directory in the image is a warning');
});

test("RUN's flags are checked as the builder reads them, as errors no comment can silence", async () => {
  const uri = 'file:///diagnostics/run-flags/Dockerfile';
  const diagnostics = errors(await client.open(uri, 'FROM alpine:3.20\nRUN --mount=type=cach,target=/x --netwrok=none true\n'));
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.range, diagnostic.source, diagnostic.code, diagnostic.message]),
    [
      [range(1, 12, 21), 'dockside', 'DS100', 'Unsupported --mount type "cach": use bind, cache, tmpfs, secret or ssh'],
      [range(1, 32, 41), 'dockside', 'DS100', 'Unknown flag: netwrok'],
    ],
  );
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: range(1, 0, 50),
    context: { diagnostics },
  });
  assert.deepEqual(actions, [], 'no "ignore" action: the build fails whatever the comment');
});

test('a heredoc body the parser library cannot read costs no other diagnostic', async () => {
  // dockerfile-ast throws reading this body (the last line): the validator and the rules that read heredocs failed.
  const text = 'FROM alpine:3.20\nCOPY a.txt dir/\nSTOPSIGNAL TERM KILL\nCOPY <<EOF /y\n\\tEOF\n';
  const findings = (await open(text)).map((diagnostic) => `${diagnostic.range.start.line} ${diagnostic.source} ${diagnostic.code}`);
  assert.deepEqual(findings, [`2 dockerfile-utils ${ValidationCode.ARGUMENT_EXTRA}`, '1 dockside DS123']);
});

test('an invalid stage name is reported at once, however long', async () => {
  // The validator's pattern for stage names backtracked exponentially: ~9 s for this name, twice as long per character.
  const name = 'frontend-builder-stage-one-prod';
  const started = performance.now();
  const diagnostics = errors(await open(`FROM node:20 AS ${name}:\nFROM alpine:3.20 \\\nLABEL org.opencontainers.image.source=https://example.com/a-project\n`));
  const elapsed = performance.now() - started;
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.message]),
    [
      [0, `invalid name for build stage: "${name}:", name can't start with a number or contain symbols`],
      // A FROM line continued into the next instruction.
      [2, 'Second argument should be AS'],
      [2, `invalid name for build stage: "org.opencontainers.image.source=https://example.com/a-project", name can't start with a number or contain symbols`],
    ],
  );
  assert.ok(elapsed < 2000, `diagnostics in ${elapsed.toFixed(0)} ms`);
});

test('a validator diagnostic comes with its quick fix as a code action', async () => {
  const uri = `file:///diagnostics/${counter++}/Dockerfile`;
  const diagnostics = await client.open(uri, 'FROM alpine:3.20\nSTOPSIGNAL TERM KILL\n');
  assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.range, diagnostic.source]), [[range(1, 16, 20), 'dockerfile-utils']]);
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: range(1, 16, 20),
    context: { diagnostics },
  });
  assert.deepEqual(
    actions.map((action) => [action.title, action.kind, action.edit?.changes?.[uri]]),
    [['Remove extra argument', 'quickfix', [{ range: range(1, 16, 20), newText: '' }]]],
  );
});

test('a problem both the validator and a rule see is reported once, by the rule, and its setting silences it', async () => {
  const text = [
    '# Escape=\\',
    'from alpine:3.20 as base',
    'MAINTAINER someone',
    'RUN echo a \\',
    '',
    '  && echo b',
    'WORKDIR app',
    'CMD ["a"]',
    'CMD ["b"]',
    'FROM alpine:3.20 AS base',
    'COPY a b /file',
    'COPY ["a", "b", "/file"]',
    "ENTRYPOINT ['run']",
    'FROM $UNDECLARED',
    '',
  ].join('\n');
  const findings = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => `${diagnostic.range.start.line} ${diagnostic.source} ${diagnostic.code}`);
  assert.deepEqual(findings(await open(text)), [
    // The builder fails on line 13's empty name; DS109 says why (and DS116 invalid-default-arg-in-from does not repeat it).
    '13 dockerfile-utils 51',
    '0 dockside DS125',
    '1 dockside DS103',
    '2 dockside DS108',
    '4 dockside DS106',
    '6 dockside DS111',
    '7 dockside DS112',
    '9 dockside DS104',
    '10 dockside DS121',
    '11 dockside DS121',
    // Not DS107 json-args-recommended as well: the array is meant as the exec form.
    '12 dockside DS124',
    '13 dockside DS109',
  ]);
  client.settings['dockside.dockerfile'] = {
    rules: { 'maintainer-deprecated': 'off', DS106: 'off', 'multiple-instructions': 'off', 'directive-casing': 'off', DS124: 'off' },
  };
  try {
    assert.deepEqual(findings(await open(text)), [
      '13 dockerfile-utils 51',
      '1 dockside DS103',
      '6 dockside DS111',
      '9 dockside DS104',
      '10 dockside DS121',
      '11 dockside DS121',
      '13 dockside DS109',
    ]);
  } finally {
    client.settings['dockside.dockerfile'] = {};
  }
});

test('a linter diagnostic carries its fixes, which become code actions', async () => {
  const uri = `file:///diagnostics/${counter++}/Dockerfile`;
  await client.open(uri, 'FROM alpine:latest\n');
  const diagnostic: Diagnostic = {
    range: range(0, 12, 18),
    severity: DiagnosticSeverity.Warning,
    source: 'dockside',
    code: 'DL3007',
    message: 'Using latest is prone to errors',
    data: { fixes: [{ title: 'Pin the tag', edits: [{ range: range(0, 12, 18), newText: '3.20' }] }] },
  };
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: range(0, 12, 18),
    context: { diagnostics: [diagnostic] },
  });
  assert.deepEqual(actions, [
    {
      title: 'Pin the tag',
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [{ range: range(0, 12, 18), newText: '3.20' }] } },
      isPreferred: true,
    },
    {
      title: 'Ignore DL3007 for this instruction',
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [{ range: range(0, 0, 0), newText: '# dockside-ignore DL3007\n' }] } },
    },
    {
      title: 'Ignore DL3007 in this file',
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [{ range: range(0, 0, 0), newText: '# dockside-ignore-file DL3007\n' }] } },
    },
  ]);
});

test('typing is debounced: a burst of changes yields diagnostics for the last version only', async () => {
  const uri = `file:///diagnostics/${counter++}/Dockerfile`;
  await client.open(uri, 'FROM alpine\n');
  const published: number[] = [];
  const last = client.nextDiagnostics(uri, 6);
  const earlier = [2, 3, 4, 5].map((version) => client.nextDiagnostics(uri, version, 2000).then(() => published.push(version), () => undefined));
  for (let version = 2; version <= 6; version++) {
    client.change(uri, version, [{ range: range(1, 0, 0), text: version < 6 ? 'R' : 'EXPOSE\n' }]);
  }
  const diagnostics = await last;
  assert.deepEqual(
    errors(diagnostics).map((diagnostic) => diagnostic.range.start.line),
    [1, 2],
    'the last version (EXPOSE without a port, then RRRR) was diagnosed',
  );
  await Promise.all(earlier);
  assert.deepEqual(published, [], 'no intermediate version was diagnosed');
});

test('settings are pulled once per document and pulled again after a change', async () => {
  const uri = `file:///diagnostics/${counter++}/Dockerfile`;
  client.settings['dockside.dockerfile'] = { format: { ignoreMultilineInstructions: true } };
  const pulls = () => client.configurationScopes.filter((scope) => scope === uri).length;
  await client.open(uri, 'FROM alpine\nRUN a && \\\nb\n');
  const format = () =>
    client.connection.sendRequest<unknown[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.deepEqual(await format(), [], 'multi-line instructions are left alone');
  await format();
  assert.equal(pulls(), 1, 'one pull for the document');
  client.settings['dockside.dockerfile'] = { format: { ignoreMultilineInstructions: false } };
  const next = client.nextDiagnostics(uri, 1);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await next;
  assert.deepEqual(await format(), [{ range: range(2, 0, 0), newText: '  ' }]);
  assert.equal(pulls(), 2, 'pulled again after the change');
});

test('a client that keeps neither data nor documentation links gets neither, and still gets the quick fixes', async () => {
  const plain = await startServer({ textDocument: { publishDiagnostics: {} } });
  try {
    const uri = 'file:///diagnostics/plain-client/Dockerfile';
    const diagnostics = await plain.open(uri, 'FROM alpine:3.20\nEXPOSE 80/TCP\n');
    const protocol = diagnostics.find((diagnostic) => diagnostic.code === 'DS117');
    assert.ok(protocol, 'the upper-case protocol is reported');
    assert.equal(protocol.data, undefined, 'no data for a client that does not keep it');
    assert.equal(protocol.codeDescription, undefined, 'no link for a client that does not show it');
    const actions = await plain.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: protocol.range,
      context: { diagnostics: [protocol] },
    });
    assert.deepEqual(actions[0], {
      title: 'Write the protocol in lowercase',
      kind: 'quickfix',
      diagnostics: [protocol],
      edit: { changes: { [uri]: [{ range: range(1, 7, 13), newText: '80/tcp' }] } },
      isPreferred: true,
    });
  } finally {
    await plain.dispose();
  }
});

test("VS Code's client keeps data and links: the diagnostics carry both", async () => {
  const diagnostics = await open('FROM alpine:3.20\nEXPOSE 80/TCP\n');
  const protocol = diagnostics.find((diagnostic) => diagnostic.code === 'DS117');
  assert.ok(protocol?.data, 'the fix travels with the diagnostic');
  assert.match(protocol?.codeDescription?.href ?? '', /^file:.*\/docs\/rules\.md#L\d+$/, 'the link opens the rules document shipped with the server');
});
