/**
 * The Dockerfile language server as a user meets it: through the `vscode` API on a fixture Dockerfile of the
 * workspace (language/Dockerfile), with the client started by Dockside.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { activateDockside, eventually, workspaceFile } from './support';

const FIXTURE = 'language/Dockerfile';
type Span = [number, number, number, number];

function span(range: vscode.Range): Span {
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** What the Problems panel shows of a diagnostic. */
function shown(diagnostic: vscode.Diagnostic) {
  return { code: codeOf(diagnostic), source: diagnostic.source, range: span(diagnostic.range), severity: diagnostic.severity };
}

async function openFixture(): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(FIXTURE));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Polls until the language server's diagnostics on `uri` have exactly the codes `codes` (in order). */
function diagnosticsOf(uri: vscode.Uri, codes: string[]): Promise<vscode.Diagnostic[]> {
  return eventually(`the diagnostics ${codes.join(', ')} on ${vscode.workspace.asRelativePath(uri)}`, () => {
    const found = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'dockside');
    if (found.map(codeOf).join() !== codes.join()) {
      throw new Error(`found ${found.map((diagnostic) => `${codeOf(diagnostic)} at ${span(diagnostic.range).join(':')}`).join(', ') || 'none'}`);
    }
    return found;
  });
}

/** An untitled Dockerfile with `text`, for completion at its end. */
async function untitledDockerfile(text: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: text });
  await vscode.window.showTextDocument(document);
  return document;
}

async function completionLabels(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

suite('Dockerfile language server through the vscode API', () => {
  let dockside: Dockside;
  suiteSetup(async () => {
    dockside = await activateDockside();
  });

  test('the language client is running', async () => {
    // The state is the client's own (vscode-languageclient's State.Running = 2); the status item shows it.
    const client = (dockside as unknown as { client?: { client?: { state?: number } } }).client?.client;
    assert.ok(client, 'Dockside started a language client');
    await eventually('the language client to be running', () => (client.state === 2 ? true : undefined));
  });

  test('the fixture gets exactly the linter finding, the quick-fixable finding and the validator error', async () => {
    const document = await openFixture();
    const diagnostics = await diagnosticsOf(document.uri, ['DS201', 'DS205', 'DS120']);
    assert.deepEqual(diagnostics.map(shown), [
      { code: 'DS201', source: 'dockside', range: [1, 5, 1, 26], severity: vscode.DiagnosticSeverity.Warning },
      { code: 'DS205', source: 'dockside', range: [6, 0, 6, 3], severity: vscode.DiagnosticSeverity.Warning },
      { code: 'DS120', source: 'dockside', range: [7, 7, 7, 12], severity: vscode.DiagnosticSeverity.Error },
    ]);
    assert.equal(diagnostics[0].message, "Always tag the version of an image explicitly ('dockside-test/busybox')");
    assert.equal(diagnostics[2].message, "Valid UNIX ports range from 0 to 65535, found '99999'");
  });

  test('hover on an instruction shows its documentation', async () => {
    const document = await openFixture();
    const hovers = await eventually('a hover on RUN', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(2, 1));
      return found.length > 0 ? found : undefined;
    });
    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
    assert.match(text, /Execute any commands on top of the current image as a new layer/);
    assert.match(text, /docs\.docker\.com\/engine\/reference\/builder\/#run/);
  });

  test('completion after FROM offers the local test image, sent by the extension from the engine', async () => {
    const document = await untitledDockerfile('FROM ');
    const labels = await eventually('the local test image among the completions after FROM', async () => {
      const found = await completionLabels(document, new vscode.Position(0, 5));
      return found.some((label) => label.startsWith('dockside-test/busybox')) ? found : undefined;
    });
    assert.ok(labels.includes('dockside-test/busybox') || labels.includes('dockside-test/busybox:1'), `offered: ${labels.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a local image built here: no Docker Hub link, and a trusted "Inspect local image" link in its hover that opens its inspect JSON', async () => {
    const file = workspaceFile('language/local-image.Dockerfile');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('FROM dockside-test/busybox:1\n'));
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    try {
      const hover = await eventually('the local image facts in the hover of FROM dockside-test/busybox:1', async () => {
        const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 10));
        const contents = found.flatMap((candidate) => candidate.contents);
        const facts = contents.find((content): content is vscode.MarkdownString => typeof content === 'object' && 'value' in content && content.value.includes('(local image)'));
        if (!facts) {
          throw new Error(`the hover (${document.languageId}) shows: ${JSON.stringify(contents.map((content) => (typeof content === 'string' ? content : content.value)))}`);
        }
        return facts;
      });
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri, 10);
      assert.deepEqual(links.map((link) => link.target?.toString()).filter((target) => target?.includes('hub.docker.com')), [], 'no Docker Hub page for an image built here');

      const link = /\[Inspect local image\]\((command:[^ )]+)/.exec(hover.value)?.[1];
      assert.ok(link, hover.value);
      const trusted = hover.isTrusted;
      assert.deepEqual(typeof trusted === 'object' ? trusted.enabledCommands : trusted, ['dockside.images.inspect'], 'the client trusts this one command in hover Markdown');
      const [command, query] = link.slice('command:'.length).split('?');
      await vscode.commands.executeCommand(command, ...(JSON.parse(decodeURIComponent(query)) as unknown[]));
      const inspected = await eventually('the inspect document of the image', () => {
        const editor = vscode.window.activeTextEditor;
        return editor?.document.uri.scheme === 'dockside' ? editor.document : undefined;
      });
      assert.match(inspected.getText(), /"RepoTags": \[\s*"dockside-test\/busybox:1"/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(file);
    }
  });

  test('completion after COPY --from= offers the stage names', async () => {
    const document = await untitledDockerfile('FROM dockside-test/busybox:1 AS builder\nFROM dockside-test/busybox:1 AS tester\nFROM scratch\nCOPY --from=');
    const labels = await eventually('stage names after COPY --from=', async () => {
      const found = await completionLabels(document, new vscode.Position(3, 12));
      return found.includes('builder') ? found : undefined;
    });
    assert.ok(labels.includes('tester'), `offered: ${labels.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('references on a stage name return its use in COPY --from', async () => {
    const document = await openFixture();
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, new vscode.Position(1, 31));
    const declaration: Span = [1, 30, 1, 35];
    const uses = locations.filter((location) => JSON.stringify(span(location.range)) !== JSON.stringify(declaration));
    assert.deepEqual(
      uses.map((location) => ({ file: vscode.workspace.asRelativePath(location.uri), range: span(location.range) })),
      [{ file: FIXTURE, range: [5, 12, 5, 17] }],
    );
  });

  test('the quick fix "Replace ADD with COPY" applies and its diagnostic goes away', async () => {
    const document = await openFixture();
    const original = document.getText();
    const [, addFinding] = await diagnosticsOf(document.uri, ['DS201', 'DS205', 'DS120']);
    assert.equal(codeOf(addFinding), 'DS205');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, addFinding.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Replace ADD with COPY');
    assert.ok(fix?.edit, `a quick fix is offered (offered: ${actions.map((action) => action.title).join(', ')})`);
    try {
      assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
      assert.equal(document.lineAt(6).text, 'COPY hello.txt /hello.txt');
      const left = await diagnosticsOf(document.uri, ['DS201', 'DS120']);
      assert.deepEqual(left.map(shown), [
        { code: 'DS201', source: 'dockside', range: [1, 5, 1, 26], severity: vscode.DiagnosticSeverity.Warning },
        { code: 'DS120', source: 'dockside', range: [7, 7, 7, 12], severity: vscode.DiagnosticSeverity.Error },
      ]);
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(document.getText(), original);
  });
});
