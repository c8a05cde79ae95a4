import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { commandIds } from '../../src/commands/ids';
import { viewIds } from '../../src/views/viewIds';

const root = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { walkthroughs: Array<{ id: string; steps: Array<{ id: string; title: string; description: string; media: { svg?: string; altText?: string }; completionEvents: string[]; when?: string }> }> };
};
/** Commands of VS Code itself or generated for our views, which a step may run. */
const builtIn = new Set(['workbench.action.openSettings', 'workbench.actions.view.problems', 'workbench.action.tasks.runTask', ...viewIds.map((id) => `${id}.focus`)]);

test('the walkthrough covers the journey, each step with an SVG, a button and a completion event it can reach', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.deepEqual(walkthrough.steps.map((step) => step.id), ['connected', 'connect', 'explore', 'buildRun', 'logsShell', 'lint', 'composeUp']);
  for (const step of walkthrough.steps) {
    assert.ok(step.media.svg && fs.existsSync(path.join(root, step.media.svg)), `${step.id}: its SVG exists`);
    assert.ok(step.media.altText, `${step.id}: alt text`);
    assert.ok(step.description.length < 400, `${step.id}: short text`);
    const commands = [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map((match) => match[1]);
    assert.ok(commands.length > 0, `${step.id}: a button`);
    for (const command of commands) {
      assert.ok((commandIds as readonly string[]).includes(command) || builtIn.has(command), `${step.id}: ${command} exists`);
    }
    assert.ok(step.completionEvents.length > 0);
    for (const event of step.completionEvents) {
      const [kind, value] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
      assert.ok(['onCommand', 'onView', 'onContext'].includes(kind), event);
      if (kind === 'onCommand') assert.ok(commands.includes(value), `${step.id}: completes on a command its buttons run (${value})`);
      if (kind === 'onView') assert.ok((viewIds as readonly string[]).includes(value), event);
    }
  }
  // The connection step shows the engine's state: one variant when connected, one when not.
  const whens = walkthrough.steps.filter((step) => step.id.startsWith('connect')).map((step) => step.when);
  assert.deepEqual(whens, ['dockside.engineState == connected', 'dockside.engineState != connected']);
});
