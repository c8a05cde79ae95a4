/**
 * "Build Image" in the extension host: the fixture context build/ (with a .dockerignore) is built through
 * `dockside.images.build` with its questions answered through `dockside.prompts`; a failing RUN becomes a
 * diagnostic on its line of the Dockerfile, cleared by a fixed rebuild.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { answering, liveExplorer, waitForRow } from './explorer';
import { buildDiagnostics, CONTEXT_PICK, FAILING_RUN, FAILING_RUN_SAYS, failThenFixBuild } from './failingBuild';
import { NoticeRecorder } from './notices';
import { Created, engine, workspaceFile } from './support';

const REPOSITORY = 'dockside-test/e2e-build';

suite('Build Image through dockside.images.build', () => {
  let dockside: Dockside;
  const created = new Created();
  const tag = `${REPOSITORY}:${Date.now().toString(36)}`;
  const dockerfile = workspaceFile('build/Dockerfile');

  suiteSetup(async () => {
    dockside = await liveExplorer();
  });
  suiteTeardown(() => created.removeAll());

  test('builds the fixture context without the files its .dockerignore excludes; the tag appears in the Images view', async () => {
    // The RUN step of build/Dockerfile fails if secret.txt or notes/ reached the context.
    created.imageTag(tag);
    const terminalsBefore = vscode.window.terminals.length;
    const { asked } = await answering(dockside, { picks: [CONTEXT_PICK], inputs: [tag, ''] }, () => vscode.commands.executeCommand('dockside.images.build', dockerfile));
    // build/Dockerfile names no stage: no target step, and the counter counts the three steps asked.
    assert.deepEqual(asked.titles, ['Build an image (1/3): build context', 'Build an image (2/3): tags', 'Build an image (3/3): build arguments']);
    assert.equal(asked.inputs.length, 2, 'tags and build arguments were asked');
    const image = await engine().getImage(tag).inspect();
    assert.equal(image.Config.Labels?.['dockside.test'], '1');
    const row = await waitForRow(dockside, 'image', image.Id, tag, (candidate) => candidate.node.name === tag);
    assert.equal(row.label, tag.split(':')[1]);
    assert.deepEqual(buildDiagnostics(dockerfile), []);
    const terminal = vscode.window.terminals.slice(terminalsBefore).find((candidate) => candidate.name === `Build: ${tag}`);
    assert.ok(terminal, `a "Build: ${tag}" terminal opened (terminals: ${vscode.window.terminals.map((candidate) => candidate.name).join(', ')})`);
  });

  test('a failing RUN becomes a "docker build" diagnostic on exactly its line with what the command said, cleared by a fixed rebuild', async () => {
    const notices = new NoticeRecorder(dockside);
    try {
      await failThenFixBuild(
        dockside,
        dockerfile,
        tag,
        (diagnostic) => {
          assert.deepEqual(
            {
              range: [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
              severity: diagnostic.severity,
              code: diagnostic.code,
            },
            { range: [2, 0, 2, FAILING_RUN.length], severity: vscode.DiagnosticSeverity.Error, code: 'exit 3' },
          );
          assert.match(diagnostic.message, /^Build failed at step 3: .*non-zero code: 3\n/);
          assert.equal(diagnostic.message.split('\n').at(-1), FAILING_RUN_SAYS, 'the diagnostic ends with what the command wrote');
          assert.equal(buildDiagnostics(dockerfile).length, 1);
        },
        async () => {
          const failure = await notices.next('the build failure', (notice) => notice.severity === 'error');
          assert.equal(failure.message, `Build of ${tag} failed on line 3 of Dockerfile (exit code 3): ${FAILING_RUN_SAYS}`);
          assert.deepEqual(failure.items, ['Show Line', 'Show Build Log']);
          const fixed = await notices.next('the fixed build', (notice) => notice.message.startsWith('Built '));
          assert.equal(fixed.message, `Built ${tag}: the build of Dockerfile no longer fails.`);
          // The failure's notification is still open: its "Show Line" must not point at a line without an error.
          const shown = notices.shown.length;
          failure.choose('Show Line');
          const answer = await notices.next('what "Show Line" says now', () => true, shown);
          assert.deepEqual([answer.severity, answer.message], ['info', 'Dockerfile has been built successfully since this failure: no line to show.']);
        },
      );
    } finally {
      notices.stop();
    }
    const terminals = vscode.window.terminals.filter((terminal) => terminal.name === `Build: ${tag}`);
    assert.equal(terminals.length, 1, 'the three builds of the Dockerfile shared one terminal');
  });
});
