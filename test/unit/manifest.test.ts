import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { commandIds } from '../../src/commands/ids';
import { changesViewId, registriesViewId, swarmViewId, viewIds } from '../../src/views/viewIds';


interface Manifest {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  contributes: {
    commands: Array<{ command: string; title: string }>;
    views: Record<string, Array<{ id: string }>>;
    viewsContainers: { activitybar: Array<{ id: string }> };
    configuration: { properties: Record<string, { scope?: string }> };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as Manifest;

test('package.json declares exactly the commands the command table implements', () => {
  const declared = manifest.contributes.commands.map((command) => command.command).sort();
  assert.deepEqual(declared, [...commandIds].sort());
});

test('command ids follow dockside.<resource>.<verb>', () => {
  for (const id of commandIds) {
    assert.match(id, /^dockside\.[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
  }
});

test('the dockside view container holds the Engines view first, the four explorer views, then Swarm, Registries and Container Changes', () => {
  assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((container) => container.id), ['dockside']);
  assert.deepEqual(manifest.contributes.views.dockside.map((view) => view.id), ['dockside.engines', ...viewIds, swarmViewId, registriesViewId, changesViewId]);
});

test('every setting lives under dockside. and the engine host cannot be set by a workspace', () => {
  for (const key of Object.keys(manifest.contributes.configuration.properties)) {
    assert.match(key, /^dockside\./);
  }
  assert.equal(manifest.contributes.configuration.properties['dockside.host'].scope, 'machine');
  assert.equal(manifest.contributes.configuration.properties['dockside.engines'].scope, 'machine');
});

test('@types/vscode is pinned to the minor of engines.vscode', () => {
  const engineMinor = manifest.engines.vscode.match(/(\d+\.\d+)/)?.[1];
  assert.equal(manifest.devDependencies['@types/vscode'], `~${engineMinor}.0`);
});
