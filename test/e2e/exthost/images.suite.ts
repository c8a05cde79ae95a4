import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { answering, inspectThroughCommand, liveExplorer, viewRows, waitForRow } from './explorer';
import { Created, engine, eventually, TEST_IMAGE, testLabels } from './support';

const [testRepository, testTag] = TEST_IMAGE.split(':');

suite('images view and actions', () => {
  const created = new Created();
  suiteTeardown(() => created.removeAll());

  test('the test image appears as its tag under its repository group, with its size', async () => {
    const dockside = await liveExplorer();
    const image = await engine().getImage(TEST_IMAGE).inspect();
    const row = await waitForRow(dockside, 'image', image.Id, TEST_IMAGE, (candidate) => candidate.node.name === TEST_IMAGE);
    assert.equal(row.label, testTag);
    assert.equal(row.icon, 'package');
    // Other suites' containers may use the image on the shared engine: either context value is right.
    assert.match(row.contextValue, /^image(InUse)?$/);
    assert.match(row.description, /^\d+(\.\d+)? (B|kB|MB) · /);
    const group = (await viewRows(dockside, 'image')).find((candidate) => candidate.node.kind === 'imageRepository' && candidate.label === testRepository);
    assert.ok(group, `a repository group named ${testRepository}`);
    assert.ok(group.node.children?.some((child) => child.name === TEST_IMAGE), 'the tag is in its repository group');
  });

  test('tag adds a reference the view shows; remove takes away exactly that reference', async () => {
    const dockside = await liveExplorer();
    const image = await engine().getImage(TEST_IMAGE).inspect();
    const row = await waitForRow(dockside, 'image', image.Id, TEST_IMAGE, (candidate) => candidate.node.name === TEST_IMAGE);
    const reference = `dockside-test/e2e-${randomUUID().slice(0, 8)}:tagged`;
    created.imageTag(reference);
    const { result } = await answering(dockside, { inputs: [reference] }, () => vscode.commands.executeCommand<string>('dockside.images.tag', row.node));
    assert.equal(result, reference);
    assert.ok((await engine().getImage(TEST_IMAGE).inspect()).RepoTags?.includes(reference), 'the engine has the new tag');
    const tagged = await waitForRow(dockside, 'image', image.Id, reference, (candidate) => candidate.node.name === reference);
    assert.equal(tagged.label, 'tagged');

    const { asked } = await answering(dockside, { warning: 'Remove' }, () => vscode.commands.executeCommand('dockside.images.remove', tagged.node));
    assert.deepEqual(asked.warnings, [`Remove image "${reference}"?`]);
    await eventually(`the images view to drop ${reference}`, async () =>
      (await viewRows(dockside, 'image')).some((candidate) => candidate.node.name === reference) ? undefined : true,
    );
    const after = await engine().getImage(TEST_IMAGE).inspect();
    assert.equal(after.Id, image.Id, 'the image itself is still there');
    assert.ok(!after.RepoTags?.includes(reference), 'only the new tag went');
  });

  test('remove of an image a container uses names that container, not the image', async () => {
    const dockside = await liveExplorer();
    const image = await engine().getImage(TEST_IMAGE).inspect();
    const reference = `dockside-test/e2e-${randomUUID().slice(0, 8)}:used`;
    created.imageTag(reference);
    const [repo, tag] = reference.split(':');
    await engine().getImage(TEST_IMAGE).tag({ repo, tag });
    const name = `dockside-e2e-user-${randomUUID().slice(0, 8)}`;
    created.container(await engine().createContainer({ Image: reference, name, Cmd: ['true'], Labels: { ...testLabels } }));
    const row = await waitForRow(dockside, 'image', image.Id, reference, (candidate) => candidate.node.name === reference && candidate.contextValue === 'imageInUse');

    const { asked } = await answering(dockside, { warning: 'Remove' }, () => vscode.commands.executeCommand('dockside.images.remove', row.node));
    assert.deepEqual(asked.warnings, [`Remove image "${reference}"?`]);
    const [detail] = asked.warningDetails;
    assert.match(detail, /^In use by containers: .*\.$/);
    assert.ok(detail.includes(name), `the detail names the container ${name}: ${detail}`);
    assert.ok(!detail.includes(reference), `the detail does not name the image: ${detail}`);
  });

  test('inspect opens a dockside: JSON document naming the image', async () => {
    const dockside = await liveExplorer();
    const image = await engine().getImage(TEST_IMAGE).inspect();
    const row = await waitForRow(dockside, 'image', image.Id, TEST_IMAGE, (candidate) => candidate.node.name === TEST_IMAGE);
    const { json } = await inspectThroughCommand('dockside.images.inspect', row.node, 'image');
    const inspected = json as { Id: string; RepoTags: string[] };
    assert.equal(inspected.Id, image.Id);
    assert.ok(inspected.RepoTags.includes(TEST_IMAGE));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
