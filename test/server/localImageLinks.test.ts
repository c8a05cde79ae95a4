/**
 * Links and hover of FROM images over the protocol: Docker Hub pages only for images that can be there (no
 * registry host, or docker.io, and not built here), and an "Inspect local image" command link for local ones.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DocumentLink, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { INSPECT_IMAGE_COMMAND, LocalImagesNotification } from '../../server/protocol';
import { startServer, TestClient } from './harness';

const uri = 'file:///project/images/Dockerfile';
const lines = [
  'FROM dockside-test/busybox:1 AS built-here', //   0: local, never pulled or pushed
  'FROM alpine:3.20 AS pulled', //                   1: local, pulled (has a repository digest)
  'FROM localhost:5000/team/app:1 AS private', //    2: another registry
  'FROM docker.io/library/nginx:1.27 AS hub', //     3: Hub, named in full
  'FROM registry.example.com/tools/lint AS other', // 4: another registry
  'FROM ghcr.io/owner/tool:2 AS github', //          5: GitHub's registry page
  'FROM team/app:3', //                              6: Hub, not local
  '',
];

let client: TestClient;

before(async () => {
  client = await startServer();
  await client.open(uri, lines.join('\n'));
  await client.connection.sendNotification(LocalImagesNotification, {
    images: [
      { repository: 'dockside-test/busybox', tag: '1', id: 'sha256:1111aaaa2222bbbb', size: 1_000_000, created: 1_700_000_000, repoDigests: [] },
      { repository: 'alpine', tag: '3.20', id: 'sha256:2222', size: 7_800_000, created: 1_710_000_000, repoDigests: ['alpine@sha256:abcd'] },
    ],
  });
});
after(() => client.dispose());

async function linkTargets(): Promise<Array<[number, string | undefined]>> {
  const links = await client.connection.sendRequest<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
  const resolved = await Promise.all(links.map((link) => (link.target ? link : client.connection.sendRequest<DocumentLink>('documentLink/resolve', link))));
  return resolved.map((link) => [link.range.start.line, link.target]);
}

async function hoverText(line: number, character: number): Promise<string> {
  const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  return ((hover?.contents ?? { value: '' }) as MarkupContent).value;
}

test('Docker Hub links only images that can be on Hub: no registry host or docker.io, and not built here', async () => {
  assert.deepEqual(await linkTargets(), [
    [1, 'https://hub.docker.com/_/alpine/'],
    [3, 'https://hub.docker.com/r/library/nginx/'],
    [5, 'https://github.com/owner/tool/pkgs/container/tool'],
    [6, 'https://hub.docker.com/r/team/app/'],
  ]);
});

test('hover on a local image offers "Inspect local image", a command link with the image', async () => {
  const text = await hoverText(0, 10);
  assert.match(text, /^\*\*dockside-test\/busybox:1\*\* \(local image\)/);
  assert.match(text, /- Built here: never pulled from or pushed to a registry/);
  const link = /\[Inspect local image\]\((command:[^ )]+)/.exec(text)?.[1];
  assert.ok(link, text);
  const [command, query] = link.slice('command:'.length).split('?');
  assert.equal(command, INSPECT_IMAGE_COMMAND);
  assert.deepEqual(JSON.parse(decodeURIComponent(query)), [{ kind: 'image', id: 'sha256:1111aaaa2222bbbb', name: 'dockside-test/busybox:1' }]);
  assert.doesNotMatch(text, /hub\.docker\.com/);

  const pulled = await hoverText(1, 7);
  assert.match(pulled, /\[Inspect local image\]\(command:dockside\.images\.inspect\?/);
  assert.doesNotMatch(pulled, /Built here/);
});
