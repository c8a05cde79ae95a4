/**
 * "Build Image" with `dockside.build.builder` set to `buildkit` (and `dockside.build.network` to `none`: the
 * test engine has no bridge network): the fixture context is built by BuildKit, a failing RUN becomes a
 * diagnostic on its line named by BuildKit's per-stage step, and a fixed rebuild clears it.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { answering, liveExplorer } from './explorer';
import { Created, engine, eventually, workspaceFile } from './support';

const CONTEXT_PICK = "the Dockerfile's folder";

function buildDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'docker build');
}

suite('Build Image with BuildKit (dockside.build.builder)', () => {
  let dockside: Dockside;
  const created = new Created();
  const tag = `dockside-test/e2e-buildkit:${Date.now().toString(36)}`;
  const dockerfile = workspaceFile('build/Dockerfile');
  const settings = () => vscode.workspace.getConfiguration('dockside.build');

  suiteSetup(async () => {
    dockside = await liveExplorer();
    await settings().update('builder', 'buildkit', vscode.ConfigurationTarget.Global);
    await settings().update('network', 'none', vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await settings().update('builder', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('network', undefined, vscode.ConfigurationTarget.Global);
    await created.removeAll();
  });

  test('a failing RUN is located by its BuildKit step; the fixed rebuild is made by BuildKit and clears it', async () => {
    created.imageTag(tag);
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(dockerfile));
    const failingLine = 'RUN echo "checking the context" && exit 3';
    const lines = original.trimEnd().split('\n');
    const failing = [...lines.slice(0, 2), failingLine, ...lines.slice(2)].join('\n') + '\n';
    try {
      await vscode.workspace.fs.writeFile(dockerfile, new TextEncoder().encode(failing));
      const { result: diagnostic } = await answering(dockside, { picks: [CONTEXT_PICK], inputs: [tag, ''] }, async () => {
        void vscode.commands.executeCommand('dockside.images.build', dockerfile);
        return eventually('a docker build diagnostic on the Dockerfile', () => buildDiagnostics(dockerfile)[0], 60_000);
      });
      assert.deepEqual(
        [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character, diagnostic.code],
        [2, 0, 2, failingLine.length, 'exit 3'],
      );
      // BuildKit numbers FROM, COPY and RUN (not LABEL): the inserted RUN is its step 2 of 4.
      assert.match(diagnostic.message, /^Build failed at step \[2\/4\]: .*exit code: 3$/);

      await vscode.workspace.fs.writeFile(dockerfile, new TextEncoder().encode(original));
      await answering(dockside, { picks: [CONTEXT_PICK], inputs: [tag, ''] }, () => vscode.commands.executeCommand('dockside.images.build', dockerfile));
      await eventually('the docker build diagnostic to be cleared', () => (buildDiagnostics(dockerfile).length === 0 ? true : undefined));
      const history = await engine().getImage(tag).history();
      assert.ok(
        history.some((layer: { CreatedBy?: string }) => /# buildkit$/.test(layer.CreatedBy ?? '')),
        `BuildKit made the image: ${history.map((layer: { CreatedBy?: string }) => layer.CreatedBy).join(' | ')}`,
      );
    } finally {
      await vscode.workspace.fs.writeFile(dockerfile, new TextEncoder().encode(original));
    }
  });
});
