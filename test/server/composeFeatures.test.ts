import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LocalImagesNotification } from '../../server/protocol';
import { startComposeServer, type ComposeClient } from './composeHarness';
import { ProjectFolders } from './projectFolders';
import { rangeOf } from './textRange';

let client: ComposeClient;
const folders = new ProjectFolders('dockside-compose-features-');

before(async () => {
  client = await startComposeServer({ TAG_FROM_ENVIRONMENT: '3.20' });
});
after(async () => {
  await client.dispose();
  folders.dispose();
});

/** Opens `text` (with `|` marking the cursor) as compose.yaml in a fresh folder holding `others`. */
async function open(marked: string, others: Record<string, string> = {}) {
  const dir = folders.create(others);
  const cursor = marked.indexOf('|');
  const text = marked.replace('|', '');
  const file = path.join(dir, 'compose.yaml');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const diagnostics = await client.open(uri, text);
  const before = text.slice(0, Math.max(0, cursor)).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  return { uri, dir, text, position, diagnostics, textDocument: { uri } };
}

async function completion(marked: string, others?: Record<string, string>) {
  const { textDocument, position } = await open(marked, others);
  const list = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument, position });
  return list.items;
}

describe('completion', () => {
  test('service keys from the schema, with their descriptions, not the ones already there', async () => {
    const items = await completion('services:\n  web:\n    image: nginx\n    |\n');
    const labels = items.map((item) => item.label);
    assert.ok(labels.includes('environment') && labels.includes('depends_on') && labels.includes('healthcheck'));
    assert.ok(!labels.includes('image'), 'image is already there');
    assert.ok(!labels.includes('services'), 'top-level keys are not offered inside a service');
    const environment = items.find((item) => item.label === 'environment')!;
    assert.match((environment.documentation as { value: string }).value, /environment variables/i);
  });

  test('top-level keys at the top, and keys of a nested mapping in a list item', async () => {
    const top = (await completion('|\n')).map((item) => item.label);
    assert.deepEqual(['services', 'networks', 'volumes', 'secrets', 'configs'].filter((key) => !top.includes(key)), []);
    const port = (await completion('services:\n  web:\n    image: a\n    ports:\n      - target: 80\n        |\n')).map((item) => item.label);
    assert.ok(port.includes('published') && port.includes('protocol') && !port.includes('target'), port.join(','));
  });

  test('enum values and known values: restart, depends_on condition', async () => {
    const restart = (await completion('services:\n  web:\n    image: a\n    restart: |\n')).map((item) => item.label);
    assert.deepEqual(restart.filter((label) => ['no', 'always', 'on-failure', 'unless-stopped'].includes(label)).sort(), ['always', 'no', 'on-failure', 'unless-stopped']);
    const condition = (await completion('services:\n  web:\n    image: a\n    depends_on:\n      db:\n        condition: |\n  db:\n    image: b\n')).map((item) => item.label);
    assert.ok(condition.includes('service_healthy') && condition.includes('service_completed_successfully'));
  });

  test('service names in depends_on, declared volumes and networks where they are used', async () => {
    const services = (await completion('services:\n  web:\n    image: a\n    depends_on:\n      - |\n  db:\n    image: b\n  cache:\n    image: c\n')).map((item) => item.label);
    assert.ok(services.includes('db') && services.includes('cache') && !services.includes('web'), services.join(','));
    const flow = (await completion('services:\n  web:\n    image: a\n    depends_on: [cache, |]\n  db:\n    image: b\n  cache:\n    image: c\n')).map((item) => item.label);
    assert.ok(flow.includes('db'), flow.join(','));
    const networks = (await completion('services:\n  web:\n    image: a\n    networks:\n      - |\nnetworks:\n  front: {}\n  back: {}\n')).map((item) => item.label);
    assert.ok(networks.includes('front') && networks.includes('back'));
    const volumes = (await completion('services:\n  web:\n    image: a\n    volumes:\n      - |\nvolumes:\n  data: {}\n')).map((item) => item.label);
    assert.ok(volumes.includes('data:'), volumes.join(','));
  });

  test('local images after image:, from the same notification as the Dockerfile side', async () => {
    await client.connection.sendNotification(LocalImagesNotification, {
      images: [{ repository: 'dockside-test/busybox', tag: '1', id: 'sha256:1', size: 1, created: 0 }],
    });
    const labels = (await completion('services:\n  web:\n    image: |\n')).map((item) => item.label);
    assert.ok(labels.includes('dockside-test/busybox:1'), labels.join(','));
  });

  test("build.target from the Dockerfile's stages, and paths for the build context", async () => {
    const others = { 'app/Dockerfile': 'FROM alpine AS base\nFROM base AS test\nFROM base\n', 'app/src/x': '' };
    const stages = (await completion('services:\n  web:\n    build:\n      context: app\n      target: |\n', others)).map((item) => item.label);
    assert.deepEqual(stages.filter((label) => label === 'base' || label === 'test'), ['base', 'test']);
    const contexts = (await completion('services:\n  web:\n    build:\n      context: |\n', others)).map((item) => item.label);
    assert.ok(contexts.includes('./app/'), contexts.join(','));
  });
});

describe('hover', () => {
  test("a key's documentation from the schema", async () => {
    const { textDocument, text } = await open('services:\n  web:\n    image: a\n    restart: always\n');
    const result = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument, position: rangeOf(text, 'restart').start });
    assert.match((result.contents as { value: string }).value, /^\*\*restart\*\*\n\nRestart policy/);
    assert.deepEqual(result.range, rangeOf(text, 'restart'));
  });

  test("a variable's value and where it comes from", async () => {
    const { textDocument, text, dir } = await open('services:\n  web:\n    image: "nginx:${TAG}"\n    command: "${TAG_FROM_ENVIRONMENT} ${UNSET:-fallback}"\n', { '.env': '# tags\nTAG=1.27\n' });
    const fromEnv = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument, position: rangeOf(text, '${TAG}').start });
    assert.equal((fromEnv.contents as { value: string }).value, `**TAG**\n\n= \`1.27\`\n\nfrom \`${path.join(dir, '.env')}:2\``);
    assert.deepEqual(fromEnv.range, rangeOf(text, '${TAG}'));
    const fromEnvironment = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument, position: rangeOf(text, '${TAG_FROM').start });
    assert.match((fromEnvironment.contents as { value: string }).value, /= `3\.20`\n\nfrom the environment/);
    const unset = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument, position: rangeOf(text, '${UNSET').start });
    assert.match((unset.contents as { value: string }).value, /Not set.*\n\nCompose uses the default: `fallback`/s);
  });
});

describe('navigation', () => {
  const text = 'x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: a\n    depends_on: [db]\n    networks: [front]\n  db:\n    <<: *base\n    image: b\n    volumes_from: ["db2:ro"]\n  db2:\n    image: c\n    network_mode: "service:db"\nnetworks:\n  front: {}\n';

  test('definition and references of a service', async () => {
    const { textDocument } = await open(text);
    const usedAt = rangeOf(text, 'db', 0);
    const definition = await client.connection.sendRequest<Location[]>('textDocument/definition', { textDocument, position: usedAt.start });
    assert.deepEqual(definition.map((location) => location.range), [rangeOf(text, 'db:\n')].map((range) => ({ start: range.start, end: { line: range.start.line, character: range.start.character + 2 } })));
    const refs = await client.connection.sendRequest<Location[]>('textDocument/references', { textDocument, position: usedAt.start, context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((location) => location.range), [rangeOf(text, 'db]'), rangeOf(text, 'db"')].map((range) => ({ start: range.start, end: { line: range.start.line, character: range.start.character + 2 } })));
  });

  test('rename of a network and of an anchor', async () => {
    const { textDocument, uri } = await open(text);
    const network = await client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', { textDocument, position: rangeOf(text, 'front').start, newName: 'public' });
    assert.deepEqual(network.changes![uri].map((edit: TextEdit) => edit.range), [rangeOf(text, 'front', 0), rangeOf(text, 'front', 1)]);
    const anchor = await client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', { textDocument, position: rangeOf(text, 'base', 1).start, newName: 'defaults' });
    assert.deepEqual(anchor.changes![uri].map((edit: TextEdit) => edit.range), [rangeOf(text, 'base', 1), rangeOf(text, 'base', 2), rangeOf(text, 'base', 3)]);
    await assert.rejects(client.connection.sendRequest('textDocument/rename', { textDocument, position: rangeOf(text, 'front').start, newName: 'not valid' }), /not a valid network name/);
  });

  test('document symbols, folding and links', async () => {
    const { textDocument, dir } = await open('services:\n  web:\n    build: ./app\n    env_file: [.env.web]\n    volumes:\n      - ./data:/data\n      - cache:/cache\n  db:\n    image: b\nvolumes:\n  cache: {}\n', { 'app/Dockerfile': 'FROM alpine\n', '.env.web': 'A=1\n', 'data/x': '' });
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument });
    assert.deepEqual(symbols.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name)]), [['services', ['web', 'db']], ['volumes', ['cache']]]);
    const folding = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument });
    assert.deepEqual(folding.map((range) => [range.startLine, range.endLine]).sort((a, b) => a[0] - b[0]), [[0, 8], [1, 6], [4, 6], [7, 8], [9, 10]]);
    const links = await client.connection.sendRequest<DocumentLink[]>('textDocument/documentLink', { textDocument });
    assert.deepEqual(links.map((link) => link.target).sort(), [path.join(dir, '.env.web'), path.join(dir, 'app'), path.join(dir, 'data')].map((file) => pathToFileURL(file).toString()).sort());
  });
});

describe('formatting, code lenses and quick fixes', () => {
  test('formatting keeps comments and anchors and changes no value', async () => {
    const { textDocument } = await open('# the app\nx-env: &env\n    A: "1"   # quoted\nservices:\n    web:\n        image: a\n        environment: *env\n        ports: [ "80:80" ]\n');
    const edits = await client.connection.sendRequest<TextEdit[]>('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } });
    assert.equal(edits.length, 1);
    assert.equal(edits[0].newText, '# the app\nx-env: &env\n  A: "1" # quoted\nservices:\n  web:\n    image: a\n    environment: *env\n    ports: [ "80:80" ]\n');
  });

  test('code lenses run the Compose commands with the file and the service', async () => {
    const { textDocument, uri, text } = await open('services:\n  web:\n    image: a\n  db:\n    image: b\n');
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument });
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command!.title, lens.command!.command, lens.command!.arguments]),
      [
        [0, '▶ Up', 'dockside.compose.up', [uri]],
        [1, 'Up', 'dockside.compose.up', [uri, 'web']],
        [1, 'Logs', 'dockside.compose.logs', [uri, 'web']],
        [1, 'Restart', 'dockside.compose.restart', [uri, 'web']],
        [3, 'Up', 'dockside.compose.up', [uri, 'db']],
        [3, 'Logs', 'dockside.compose.logs', [uri, 'db']],
        [3, 'Restart', 'dockside.compose.restart', [uri, 'db']],
      ],
    );
    assert.deepEqual(lenses[1].range, rangeOf(text, 'web'));
  });

  test('quick fixes for a key typo and an undefined reference', async () => {
    const { textDocument, uri, text, diagnostics } = await open('services:\n  web:\n    image: a\n    enviroment: {}\n    depends_on: [dbb]\n  db:\n    image: b\n');
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument,
      range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } },
      context: { diagnostics: diagnostics as Diagnostic[] },
    });
    assert.deepEqual(
      actions.map((action) => [action.title, action.edit!.changes![uri]]),
      [
        ['Change to "environment"', [{ range: rangeOf(text, 'enviroment'), newText: 'environment' }]],
        ['Change to "db"', [{ range: rangeOf(text, 'dbb'), newText: 'db' }]],
      ],
    );
  });
});

describe('positions outside the document', () => {
  test('are answered as the nearest position inside it, for every request that carries one', async () => {
    const { uri, text } = await open('services:\n  web:\n    image: app\n    depends_on: [db]\n  db:\n    image: db|\n');
    const lines = text.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const far = { line: 1e9, character: 1e9 };
    const ask = (method: string, params: object) => client.connection.sendRequest(method, { textDocument: { uri }, ...params });
    assert.deepEqual(await ask('textDocument/completion', { position: far }), await ask('textDocument/completion', { position: end }));
    assert.deepEqual(await ask('textDocument/hover', { position: far }), await ask('textDocument/hover', { position: end }));
    const lastLine = { start: { line: 1e9, character: 0 }, end: far };
    const clampedLine = { start: end, end };
    assert.deepEqual(
      await ask('textDocument/codeAction', { range: lastLine, context: { diagnostics: [] } }),
      await ask('textDocument/codeAction', { range: clampedLine, context: { diagnostics: [] } }),
    );
    assert.deepEqual(await ask('textDocument/references', { position: far, context: { includeDeclaration: true } }), await ask('textDocument/references', { position: end, context: { includeDeclaration: true } }));
  });
});
