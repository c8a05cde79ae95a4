/**
 * Container metadata is the engine's, so anyone who can start a container writes it: a container made with
 * hostile labels, command and name shows in the explorer with a tooltip whose Markdown renders to nothing but
 * its own text (no heading, link, image or HTML), each value on its own line.
 */
import assert from 'node:assert/strict';
import { marked } from 'marked';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { liveExplorer, waitForRow } from './explorer';
import { Created, engine, TEST_IMAGE, testLabels } from './support';

/** The tags VS Code's Markdown renderer (marked) makes of a tooltip. */
function tagsOf(markdown: string): string[] {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return [...new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((match) => match[1].toLowerCase()))].sort();
}

suite('Explorer tooltips of hostile containers', () => {
  let dockside: Dockside;
  const created = new Created();
  const name = `dockside-test-__owned__-${Date.now().toString(36)}`;
  const beacon = '![beacon](https://evil.example/b.png)';
  const labels = {
    ...testLabels,
    'note\n\n# Injected heading': `first\n\n${beacon} [click me](https://evil.example/)\n\n<img src=https://evil.example/i.png>`,
    fence: '`` ` ``\n\n```\n# not code\n```',
    terminal: '\x1b]8;;https://evil.example\x07link\x1b]8;;\x07',
  };

  suiteSetup(async () => {
    dockside = await liveExplorer();
  });
  suiteTeardown(() => created.removeAll());

  test('labels, command and name render as their own text, one line each', async () => {
    const container = created.container(
      await engine().createContainer({ name, Image: TEST_IMAGE, Cmd: ['sh', '-c', `echo\n\n## Step\n\n${beacon}`], Labels: labels }),
    );
    const row = await waitForRow(dockside, 'container', container.id, name);
    assert.equal(row.label, name);
    const tree = dockside.views.providers.find((candidate) => candidate.view === 'container');
    assert.ok(tree);
    const item = await tree.resolveTreeItem(await tree.getTreeItem(row.node), row.node);
    const tooltip = item.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString, 'a Markdown tooltip');
    assert.equal(tooltip.isTrusted, undefined, 'no command links');
    assert.notEqual(tooltip.supportHtml, true, 'no HTML');
    const markdown = tooltip.value;
    assert.deepEqual(tagsOf(markdown), ['br', 'code', 'p', 'strong'], markdown);
    assert.ok(markdown.split('\n').slice(2).every((line) => line.trim() !== ''), 'no blank line after the title: every value stays on its line');
    assert.ok(!markdown.includes('\x1b'), 'no control character');
    assert.match(markdown, /^\*\*dockside\\-test\\-\\_\\_owned\\_\\_\\-/, 'the name, escaped, as the bold title');
    assert.ok(markdown.includes('note  # Injected heading=first  ![beacon](https://evil.example/b.png)'), 'the label shows as its own text inside a code span');
  });
});
