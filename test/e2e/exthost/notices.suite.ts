/**
 * Error notifications as a user reads them: what failed and why in words, the engine's raw text left to the
 * "Dockside" output channel behind "Show Output".
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { answering, liveExplorer, waitForRow } from './explorer';
import { NoticeRecorder } from './notices';
import { Created, engine, TEST_IMAGE, testLabels } from './support';

suite('error notifications in words', () => {
  const created = new Created();
  suiteTeardown(() => created.removeAll());

  test('removing a volume a container uses says so in words, with "Show Output" for the engine\'s text', async () => {
    const dockside = await liveExplorer();
    const name = `dockside-e2e-${randomUUID().slice(0, 8)}`;
    await engine().createVolume({ Name: name, Labels: { ...testLabels } });
    created.volume(engine().getVolume(name));
    created.container(
      await engine().createContainer({ Image: TEST_IMAGE, Cmd: ['true'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none', Binds: [`${name}:/data`] } }),
    );
    const row = await waitForRow(dockside, 'volume', name, `volume ${name} in use`, (candidate) => candidate.contextValue === 'volumeInUse');

    const notices = new NoticeRecorder(dockside);
    try {
      await answering(dockside, { warning: 'Remove' }, () => vscode.commands.executeCommand('dockside.volumes.remove', row.node));
      const notice = await notices.next('the failed removal', (candidate) => candidate.severity === 'error', 0, 10_000);
      assert.equal(notice.message, `Cannot remove volume "${name}": a container uses it.`);
      assert.deepEqual(notice.items, ['Show Output']);
      notice.choose('Show Output');
    } finally {
      notices.stop();
    }
    await engine().getVolume(name).inspect();
  });
});
