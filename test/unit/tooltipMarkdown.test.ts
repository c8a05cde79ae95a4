import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { marked } from 'marked';
import { containerTooltip } from '../../src/explorer/present/containers';
import { markdownTable } from '../../src/explorer/present/format';
import { markdownCode, markdownText, stripControlCharacters } from '../../src/explorer/present/markdownText';
import { networkNode } from '../../src/explorer/present/networks';

/** The HTML VS Code's Markdown renderer (marked, GitHub-flavoured) makes of a tooltip. */
function render(markdown: string): string {
  return marked.parse(markdown, { async: false, gfm: true });
}

/** The tags in rendered HTML: a tooltip of ours has a bold title, code spans, line breaks, one or two paragraphs. */
function tags(html: string): Set<string> {
  return new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((match) => match[1].toLowerCase()));
}

const ALLOWED = new Set(['p', 'strong', 'code', 'br']);

/** What a user reads: the HTML's text, entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const HOSTILE = [
  'x\n\n# Heading\n\n[click me](https://evil.example/) ![beacon](https://evil.example/b.png)',
  'a` ![beacon](https://evil.example/b.png) `b',
  '``` \n\n<img src=https://evil.example/i.png>\n\n```',
  '<script>alert(1)</script><a href="https://evil.example">x</a>',
  'https://evil.example/ www.evil.example user@evil.example',
  '\n\n---\n\n* item\n1. item\n> quote\n| a | b |\n|---|---|',
  '&lt;img src=x&gt; &#60;b&#62;',
  '\x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \u202eevil\u202c',
  '`', '``', ' ` ', '\\', '\\`',
];

test('control characters: line breaks and tabs become spaces, others are dropped', () => {
  assert.equal(stripControlCharacters('a\nb\r\nc\td'), 'a b  c d');
  assert.equal(stripControlCharacters('\x1b[2Jtitle\x07\x7f\x9b\u202eevil\u202c\u200b\ufeff'), '[2Jtitleevil');
  assert.equal(stripControlCharacters('plain é 🐳'), 'plain é 🐳');
});

test('a code span is fenced by more backticks than the value holds, and padded where its edges are backticks or spaces', () => {
  assert.equal(markdownCode('abc'), '`abc`');
  assert.equal(markdownCode('a`b'), '``a`b``');
  assert.equal(markdownCode('a``b`c'), '```a``b`c```');
  assert.equal(markdownCode('`x'), '`` `x ``');
  assert.equal(markdownCode(' x '), '`  x  `');
  assert.equal(markdownCode('a\n\nb'), '`a  b`');
});

test('every ASCII punctuation character of a text is escaped', () => {
  assert.equal(markdownText('[a](b) *c* #d <e> &f; `g`'), '\\[a\\]\\(b\\) \\*c\\* \\#d \\<e\\> \\&f\\; \\`g\\`');
});

test('hostile values render as their own text in one code span each, with no link, image, heading or HTML', () => {
  for (const value of HOSTILE) {
    const html = render(markdownTable('title', [['Value', value]]));
    assert.deepEqual([...tags(html)].filter((tag) => !ALLOWED.has(tag)), [], `${JSON.stringify(value)} → ${html}`);
    const code = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((match) => textOf(match[1]));
    assert.deepEqual(code, [stripControlCharacters(value)], `${JSON.stringify(value)} shows as itself → ${html}`);
  }
});

test('hostile titles and keys render as plain text', () => {
  for (const value of HOSTILE) {
    const html = render(markdownTable(value, [[value, 'v']]));
    assert.deepEqual([...tags(html)].filter((tag) => !ALLOWED.has(tag)), [], `${JSON.stringify(value)} → ${html}`);
    assert.ok(textOf(html).includes(stripControlCharacters(value).trim()), `${JSON.stringify(value)} shows as itself → ${html}`);
  }
});

test("a container's hostile name, command and labels stay inside its tooltip's lines", () => {
  const container = {
    Id: 'c0ffee',
    Names: ['/evil\n\n# Owned'],
    Image: 'img\n\n![x](https://evil.example/i.png)',
    ImageID: 'sha256:1',
    Command: 'sh -c "echo\n\n[click](https://evil.example/)"',
    Created: 1_700_000_000,
    Ports: [],
    Labels: { 'note\n\n## heading': 'a\n\n<img src=https://evil.example/x.png>', url: '[x](https://evil.example)' },
    State: 'running',
    Status: 'Up 1 second',
    HostConfig: { NetworkMode: 'default' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  } as unknown as Docker.ContainerInfo;
  const markdown = containerTooltip(container, 1_700_000_100_000, 1_700_000_100_000);
  const html = render(markdown);
  assert.deepEqual([...tags(html)].filter((tag) => !ALLOWED.has(tag)), [], html);
  assert.ok(!/https:\/\/evil\.example/.test(html.replace(/<code>[\s\S]*?<\/code>/g, '')), 'the address appears only inside code spans');
  assert.equal(markdown.split('\n').length, 2 + 6, 'a title, a blank line and one line per row (ID, Image, Command, State, Created, Labels)');
});

test("a network's hostile name and labels stay inert in its tooltip", () => {
  const node = networkNode({ Name: 'net\n\n[x](https://evil.example)', Id: 'n1', Driver: 'bridge', Scope: 'local', Labels: { a: '![i](https://evil.example/i.png)' } } as unknown as Docker.NetworkInspectInfo);
  const html = render(node.tooltip?.(Date.now()) ?? '');
  assert.deepEqual([...tags(html)].filter((tag) => !ALLOWED.has(tag)), [], html);
});
