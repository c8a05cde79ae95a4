/**
 * The linter as the editor sees it: settings from the editor and from `.hadolint.yaml`, the build context's
 * `.dockerignore`, ShellCheck after the first diagnostics, rule documentation on hover, ignore actions.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { CodeAction, Diagnostic, DiagnosticSeverity, FileChangeType, Hover, MessageType, Range } from 'vscode-languageserver-protocol';
import { RULES } from '../../server/dockerfile/lint';
import { startServer, TestClient } from './harness';

const shellcheckSkip = spawnSync('shellcheck', ['--version']).status === 0 ? false : 'shellcheck is not installed';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-lint-wiring-'));
let client: TestClient;
let counter = 0;

before(async () => {
  client = await startServer({ workspaceFolders: [pathToFileURL(root).href], workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
});
after(async () => {
  await client.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh project folder under the workspace, with the given files; returns the URI its Dockerfile would have. */
function project(files: Record<string, string>): { folder: string; uri: string } {
  const folder = path.join(root, `project${counter++}`);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  }
  fs.mkdirSync(path.join(folder, 'app'), { recursive: true });
  return { folder, uri: pathToFileURL(path.join(folder, 'app', 'Dockerfile')).href };
}

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]);
const lintOnly = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.source === 'dockside' || d.source === 'shellcheck');

/** Polls `condition` every 20 ms until it holds or the deadline passes. */
async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('the server watches configuration and ignore files through the client', async () => {
  const watch = () => client.registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles');
  await eventually(() => watch() !== undefined);
  assert.deepEqual(watch()?.registerOptions, {
    watchers: [{ globPattern: '**/.hadolint.{yaml,yml}' }, { globPattern: '**/.dockerignore' }, { globPattern: '**/*.dockerignore' }],
  });
});

test('.hadolint.yaml above the Dockerfile applies, under the editor settings, and is read again when it changes', async () => {
  const { folder, uri } = project({ '.hadolint.yaml': 'ignored: [DL3006]\ntrustedRegistries: [docker.io]\nlabel-schema:\n  maintainer: email\n' });
  client.settings['dockside.dockerfile'] = { shellcheck: { enabled: false } };
  const text = 'FROM debian\nFROM quay.io/a/b:1\nLABEL maintainer=nobody\n';
  assert.deepEqual(summary(lintOnly(await client.open(uri, text))), [
    ['DS206', DiagnosticSeverity.Warning, 1, 5, 18],
    ['DS208', DiagnosticSeverity.Information, 2, 17, 23],
  ]);

  // The editor's rule setting wins over the file's `ignored`; its empty lists leave the file's ones in force.
  client.settings['dockside.dockerfile'] = { shellcheck: { enabled: false }, rules: { 'untagged-image': 'error' }, trustedRegistries: [] };
  let next = client.nextDiagnostics(uri, 1);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual(summary(lintOnly(await next)), [
    ['DS201', DiagnosticSeverity.Error, 0, 5, 11],
    ['DS206', DiagnosticSeverity.Warning, 1, 5, 18],
    ['DS208', DiagnosticSeverity.Information, 2, 17, 23],
  ]);

  // The configuration changes on disk: the client reports it and the document is linted again.
  fs.writeFileSync(path.join(folder, '.hadolint.yaml'), 'trustedRegistries: [quay.io]\n');
  next = client.nextDiagnostics(uri, 1);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: pathToFileURL(path.join(folder, '.hadolint.yaml')).href, type: FileChangeType.Changed }],
  });
  assert.deepEqual(summary(lintOnly(await next)), [
    ['DS201', DiagnosticSeverity.Error, 0, 5, 11],
    ['DS206', DiagnosticSeverity.Warning, 0, 5, 11],
  ]);

  // Deleted, with a registry list now in the editor: the defaults and the editor's settings.
  fs.rmSync(path.join(folder, '.hadolint.yaml'));
  client.settings['dockside.dockerfile'] = { shellcheck: { enabled: false }, trustedRegistries: ['docker.io'] };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: pathToFileURL(path.join(folder, '.hadolint.yaml')).href, type: FileChangeType.Deleted }],
  });
  const expected = [
    ['DS201', DiagnosticSeverity.Warning, 0, 5, 11],
    ['DS206', DiagnosticSeverity.Warning, 1, 5, 18],
  ];
  const final = await client.diagnosticsWhere(uri, (diagnostics) => JSON.stringify(summary(lintOnly(diagnostics))) === JSON.stringify(expected));
  assert.deepEqual(summary(lintOnly(final)), expected);
});

test('the .dockerignore next to the Dockerfile (or <Dockerfile>.dockerignore) excludes COPY sources', async () => {
  client.settings['dockside.dockerfile'] = { shellcheck: { enabled: false } };
  const text = 'FROM alpine:3.20\nCOPY secret.txt notes.md /app/\n';
  const folderIgnore = project({ 'app/.dockerignore': 'secret.txt\n' });
  assert.deepEqual(lintOnly(await client.open(folderIgnore.uri, text)).map((d) => [d.code, d.range, d.message]), [
    ['DS119', range(1, 5, 15), 'Attempting to COPY file "secret.txt" that is excluded by .dockerignore'],
  ]);
  const ownIgnore = project({ 'app/.dockerignore': 'secret.txt\n', 'app/Dockerfile.dockerignore': '*.md\n' });
  assert.deepEqual(lintOnly(await client.open(ownIgnore.uri, text)).map((d) => [d.code, d.range, d.message]), [
    ['DS119', range(1, 16, 24), 'Attempting to COPY file "notes.md" that is excluded by .dockerignore'],
  ]);
});

/** The rules' documentation file in this checkout, at the line of the rule's heading. */
function rulesDocumentLine(code: string): string {
  const file = path.resolve(__dirname, '../../docs/rules.md');
  const line = fs.readFileSync(file, 'utf8').split('\n').indexOf(`### ${code}`) + 1;
  assert.ok(line > 0, `docs/rules.md has a heading for ${code}`);
  return `${pathToFileURL(file).href}#L${line}`;
}

test('hover on a finding shows its rule documentation with the link, above the instruction hover', async () => {
  client.settings['dockside.dockerfile'] = { shellcheck: { enabled: false } };
  const { uri } = project({});
  const diagnostics = await client.open(uri, 'FROM alpine:3.20\nMAINTAINER someone\n');
  assert.deepEqual(summary(lintOnly(diagnostics)), [['DS108', DiagnosticSeverity.Warning, 1, 0, 10]]);
  const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } });
  const value = (hover.contents as { value: string }).value;
  const [rule, instruction] = value.split('\n\n---\n\n');
  assert.equal(
    rule,
    '**DS108 maintainer-deprecated**: MAINTAINER is deprecated: use a label\n\n' +
      (await import('../../server/dockerfile/lint')).ruleDocumentation('DS108')!.split('\n\n').slice(1).join('\n\n') +
      `\n\n[DS108 documentation](${rulesDocumentLine('DS108')})`,
  );
  assert.match(instruction, /MAINTAINER/, 'the instruction documentation follows');
  const plain = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
  assert.doesNotMatch((plain.contents as { value: string }).value, /DS\d+/, 'no rule text where there is no finding');
});

test('ignore actions for a dockside finding, applied, silence it', async () => {
  client.settings['dockside.dockerfile'] = { shellcheck: { enabled: false } };
  const { uri } = project({});
  const diagnostics = lintOnly(await client.open(uri, '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nMAINTAINER someone\n'));
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics },
  });
  assert.deepEqual(
    actions.map((action) => [action.title, action.edit?.changes?.[uri]]).filter(([title]) => String(title).startsWith('Ignore')),
    [
      ['Ignore DS108 for this instruction', [{ range: range(2, 0, 0), newText: '# dockside-ignore DS108\n' }]],
      ['Ignore DS108 in this file', [{ range: range(1, 0, 0), newText: '# dockside-ignore-file DS108\n' }]],
    ],
  );
  const next = client.nextDiagnostics(uri, 2);
  client.change(uri, 2, [{ range: range(2, 0, 0), text: '# dockside-ignore DS108\n' }]);
  assert.deepEqual(lintOnly(await next), []);
});

test('ShellCheck findings follow the first diagnostics, with documentation and ignore actions', { skip: shellcheckSkip }, async () => {
  client.settings['dockside.dockerfile'] = {};
  const { uri } = project({});
  const first = await client.open(uri, 'FROM alpine:3.20\nRUN echo $1\n');
  assert.deepEqual(lintOnly(first), [], 'the synchronous diagnostics come first');
  const withShellcheck = await client.diagnosticsWhere(uri, (ds) => ds.some((d) => d.source === 'shellcheck'));
  assert.deepEqual(lintOnly(withShellcheck), [
    {
      range: range(1, 9, 11),
      severity: DiagnosticSeverity.Information,
      source: 'shellcheck',
      code: 'SC2086',
      message: 'Double quote to prevent globbing and word splitting.',
      codeDescription: { href: 'https://www.shellcheck.net/wiki/SC2086' },
    },
  ]);
  const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 10 } });
  assert.equal((hover.contents as { value: string }).value, '**SC2086** (ShellCheck): see https://www.shellcheck.net/wiki/SC2086');
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: range(1, 9, 11),
    context: { diagnostics: lintOnly(withShellcheck) },
  });
  assert.deepEqual(
    actions.map((action) => [action.title, action.edit?.changes?.[uri]]),
    [
      ['Ignore SC2086 for this instruction', [{ range: range(1, 0, 0), newText: '# dockside-ignore SC2086\n' }]],
      ['Ignore SC2086 in this file', [{ range: range(0, 0, 0), newText: '# dockside-ignore-file SC2086\n' }]],
    ],
  );
  // Applied, the next version's ShellCheck run reports nothing, so the first publication stays the last.
  const next = client.nextDiagnostics(uri, 2);
  client.change(uri, 2, [{ range: range(1, 0, 0), text: '# dockside-ignore SC2086\n' }]);
  assert.deepEqual(lintOnly(await next), []);
});

test('ShellCheck codes set in the editor or .hadolint.yaml change ShellCheck findings', { skip: shellcheckSkip }, async () => {
  const { uri } = project({ '.hadolint.yml': 'override:\n  error: [SC2086]\n' });
  client.settings['dockside.dockerfile'] = { rules: { SC2046: 'off' } };
  await client.open(uri, 'FROM alpine:3.20\nRUN echo $(ls) $1\n');
  const diagnostics = await client.diagnosticsWhere(uri, (ds) => ds.some((d) => d.source === 'shellcheck'));
  assert.deepEqual(summary(lintOnly(diagnostics)), [['SC2086', DiagnosticSeverity.Error, 1, 15, 17]]);
});

test('a missing ShellCheck is told once, as information, and the other diagnostics stay', async () => {
  const executablePath = path.join(root, 'no-such-shellcheck');
  client.settings['dockside.dockerfile'] = { shellcheck: { executablePath } };
  const { uri } = project({});
  const told = () => client.messages.filter((message) => message.message.includes(executablePath));
  const first = await client.open(uri, 'FROM alpine\nRUN echo $1\n');
  assert.deepEqual(summary(lintOnly(first)), [['DS201', DiagnosticSeverity.Warning, 0, 5, 11]]);
  await eventually(() => told().length > 0);
  assert.deepEqual(told().map((message) => message.type), [MessageType.Info]);
  assert.match(told()[0].message, /ShellCheck is not available .*RUN scripts are checked by the built-in rules only/);
  const second = project({});
  await client.open(second.uri, 'FROM alpine\nRUN echo $2\n');
  const next = client.nextDiagnostics(uri, 2);
  client.change(uri, 2, [{ range: range(2, 0, 0), text: 'RUN echo $3\n' }]);
  await next;
  assert.equal(told().length, 1, 'told once');
});

test('a rule that throws on a document is logged with its code, and the other diagnostics are published', async () => {
  const rule = RULES.find((candidate) => candidate.code === 'DS108')!;
  const check = rule.check;
  rule.check = () => {
    throw new Error('unforeseen input');
  };
  try {
    const { uri } = project({});
    const diagnostics = await client.open(uri, 'MAINTAINER someone\nFROM debian\n');
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'DS201'), 'the untagged FROM is still reported');
    assert.ok(!diagnostics.some((diagnostic) => diagnostic.code === 'DS108'));
    const log = client.logs.find((entry) => entry.message.includes('DS108'));
    assert.equal(log?.type, MessageType.Error);
    assert.match(log!.message, /^The rule DS108 maintainer-deprecated failed on file:.*Dockerfile: Error: unforeseen input/);
  } finally {
    rule.check = check;
  }
});
