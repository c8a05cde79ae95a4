import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-protocol';
import { ComposeContainer, ComposeContainersNotification } from '../../server/protocol';
import { startComposeServer, type ComposeClient } from './composeHarness';
import { ProjectFolders } from './projectFolders';
import { rangeOf } from './textRange';

let client: ComposeClient;
const folders = new ProjectFolders('dockside-compose-engine-hover-');

before(async () => {
  client = await startComposeServer();
});
after(async () => {
  await client.dispose();
  folders.dispose();
});

const text = 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n  db:\n    image: postgres:16\n';

function container(file: string, extra: Partial<ComposeContainer>): ComposeContainer {
  return {
    project: 'shop',
    service: 'web',
    name: 'shop-web-1',
    image: 'nginx:1.27',
    state: 'running',
    status: 'Up 5 minutes',
    ports: ['8080→80/tcp'],
    workingDir: path.dirname(file),
    configFiles: [file],
    ...extra,
  };
}

async function hoverOn(uri: string, needle: string): Promise<Hover | null> {
  return client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: rangeOf(text, needle).start });
}

test("hover on a service name shows its image, state and ports in the engine; another project's service of the same name is not it", async () => {
  const dir = folders.create({});
  const file = path.join(dir, 'compose.yaml');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  await client.open(uri, text);

  await client.connection.sendNotification(ComposeContainersNotification, {
    containers: [
      container(file, {}),
      container(file, { name: 'shop-web-2', state: 'exited', status: 'Exited (137) 2 minutes ago', ports: [] }),
      container('/elsewhere/compose.yaml', { project: 'other', name: 'other-web-1', image: 'httpd:2' }),
    ],
  });
  const web = await hoverOn(uri, '  web');
  // The position of `web`, not of the indentation before it.
  const onName = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: rangeOf(text, 'web').start });
  assert.equal(web, null, 'the indentation is not the name');
  assert.equal(
    (onName.contents as { value: string }).value,
    [
      '**web** · Compose project `shop` · 1 of 2 running',
      'Image: `nginx:1.27`',
      '| Container | State | Ports |\n|---|---|---|\n| shop-web-1 | running · Up 5 minutes | 8080→80/tcp |\n| shop-web-2 | exited · Exited (137) 2 minutes ago | — |',
    ].join('\n\n'),
  );
  assert.deepEqual(onName.range, rangeOf(text, 'web'));

  assert.equal(await hoverOn(uri, 'db'), null, 'a service with no container in the engine has no engine hover');

  await client.connection.sendNotification(ComposeContainersNotification, { containers: [] });
  assert.equal(await hoverOn(uri, 'web'), null, 'once its containers are gone, nothing is shown');

  // A malformed entry is ignored, the others are kept.
  await client.connection.sendNotification(ComposeContainersNotification, { containers: [{ project: 1 }, container(file, {})] as unknown as ComposeContainer[] });
  assert.match(((await hoverOn(uri, 'web'))?.contents as { value: string }).value, /^\*\*web\*\* · Compose project `shop` · 1 of 1 running/);
});
