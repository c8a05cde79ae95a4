import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { mergeCapabilities } from '../../server/languageRouter';
import { startComposeServer, type ComposeClient } from './composeHarness';

let client: ComposeClient;
before(async () => {
  client = await startComposeServer();
});
after(() => client.dispose());

test('initialize declares what either language serves', () => {
  const capabilities = client.initializeResult.capabilities;
  assert.equal(client.initializeResult.serverInfo?.name, 'dockside-dockerfile');
  assert.ok(capabilities.semanticTokensProvider, 'Dockerfile semantic tokens');
  assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false }, 'Compose code lenses');
  const triggers = capabilities.completionProvider?.triggerCharacters ?? [];
  assert.ok(triggers.includes('=') && triggers.includes('/'), triggers.join(' '));
});

test('each document goes to the server of its language', async () => {
  const dockerfile = await client.open('file:///router/Dockerfile', 'FROM alpine\nMAINTAINER someone\n', 'dockerfile');
  const compose = await client.open('file:///router/compose.yaml', 'services:\n  web:\n    image: a\n    restar: always\n');
  assert.ok(dockerfile.length > 0 && dockerfile.every((d) => d.source === 'dockside'), JSON.stringify(dockerfile));
  assert.deepEqual(compose.map((d) => [d.source, d.code]), [['dockside-compose', 'compose-schema-unknown-key']]);
  const composeHover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: 'file:///router/compose.yaml' }, position: { line: 2, character: 5 } });
  assert.match((composeHover.contents as { value: string }).value, /\*\*image\*\*/);
  const dockerfileLenses = await client.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri: 'file:///router/Dockerfile' } });
  assert.equal(dockerfileLenses, null, 'no Compose lenses on a Dockerfile');
  await client.close('file:///router/Dockerfile');
  await client.close('file:///router/compose.yaml');
});

test('capabilities merge: lists joined, options merged, true kept', () => {
  assert.deepEqual(
    mergeCapabilities({ a: { triggerCharacters: ['='] }, b: true, c: 1 }, { a: { triggerCharacters: ['=', ':'], resolveProvider: false }, b: { x: 1 }, d: true }),
    { a: { triggerCharacters: ['=', ':'], resolveProvider: false }, b: true, c: 1, d: true },
  );
});
