import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { commandIds } from '../../src/commands/ids';
import { containerActions } from '../../src/engine/actions';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
  contributes: {
    menus: Record<string, MenuEntry[]>;
    viewsWelcome: Array<{ view: string; contents: string; when?: string }>;
    commands: Array<{ command: string; title: string }>;
  };
};
const itemMenu = manifest.contributes.menus['view/item/context'];

/** Whether a `when` clause of the form `view == V && viewItem (== x | =~ /re/)` holds for a view and contextValue. */
function shows(entry: MenuEntry, view: string, contextValue: string): boolean {
  const when = entry.when ?? '';
  const viewMatch = /view == ([\w.]+)/.exec(when);
  if (viewMatch && viewMatch[1] !== view) {
    return false;
  }
  const equals = /viewItem == (\w+)/.exec(when);
  if (equals) {
    return equals[1] === contextValue;
  }
  const regex = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(when);
  return regex ? new RegExp(regex[1]).test(contextValue) : true;
}

const states = ['containerRunning', 'containerPaused', 'containerExited', 'containerCreated', 'containerRestarting', 'containerDead'];

for (const contextValue of states) {
  test(`the context menu of a container in state ${contextValue.slice('container'.length).toLowerCase()} offers exactly the lifecycle actions that apply`, () => {
    const offered = itemMenu
      .filter((entry) => entry.group !== 'inline' && shows(entry, 'dockside.containers', contextValue))
      .map((entry) => entry.command.split('.').pop())
      .filter((verb) => verb! in containerActions)
      .sort();
    const applicable = Object.entries(containerActions)
      .filter(([, action]) => action.eligible.test(contextValue))
      .map(([verb]) => verb)
      .sort();
    assert.deepEqual(offered, applicable);
  });
}

test('every menu entry names a declared command; a Compose project gets its lifecycle actions, its logs and stats, other groups none', () => {
  for (const entries of Object.values(manifest.contributes.menus)) {
    for (const entry of entries) {
      assert.ok((commandIds as readonly string[]).includes(entry.command), `${entry.command} is declared`);
    }
  }
  const title = (command: string) => manifest.contributes.commands.find((entry) => entry.command === command)?.title;
  const projectMenu = (contextValue: string) =>
    itemMenu
      .filter((entry) => entry.group !== 'inline' && shows(entry, 'dockside.containers', contextValue))
      .map((entry) => title(entry.command))
      .sort();
  const compose = ['Compose Build', 'Compose Down…', 'Compose Pull', 'Compose Restart', 'Compose Stop', 'Compose Up', 'Compose Up Services…'];
  const withCompose = (titles: string[]) => [...titles, ...compose].sort();
  assert.deepEqual(projectMenu('composeProjectRunning'), withCompose(['Remove Project…', 'Restart Project', 'Show Compose Project Logs', 'Show Stats', 'Stop Project']));
  assert.deepEqual(projectMenu('composeProjectPartlyRunning'), withCompose(['Remove Project…', 'Restart Project', 'Show Compose Project Logs', 'Show Stats', 'Start Project', 'Stop Project']));
  assert.deepEqual(projectMenu('composeProject'), withCompose(['Remove Project…', 'Restart Project', 'Show Compose Project Logs', 'Show Stats', 'Start Project']));
  // A service (a group of replicas, or the one container's row) gets the Compose actions on the service.
  const serviceActions = ['Compose Build', 'Compose Logs', 'Compose Pull', 'Compose Restart', 'Compose Stop', 'Compose Up'];
  assert.deepEqual(projectMenu('composeService'), serviceActions);
  const containerMenu = projectMenu('containerRunning');
  assert.deepEqual(
    projectMenu('containerRunning.composeService'),
    [...containerMenu, ...serviceActions].sort(),
    "a service's single container keeps its container actions and adds the service's",
  );
  assert.ok(!containerMenu.some((entry) => entry?.startsWith('Compose')), 'a container outside Compose gets no Compose action');
  for (const [view, group] of [
    ['dockside.containers', 'group.containerGroup'],
    ['dockside.images', 'group.imageRepository'],
  ]) {
    assert.deepEqual(
      itemMenu.filter((entry) => shows(entry, view, group)).map((entry) => entry.command),
      [],
      `${group} in ${view}`,
    );
  }
});

test('each view has a welcome text with a Retry for every reason the engine can be unreachable', () => {
  for (const view of ['dockside.containers', 'dockside.images', 'dockside.volumes', 'dockside.networks']) {
    for (const problem of ['notRunning', 'permission', 'tls', 'timeout', 'config', 'other']) {
      const welcome = manifest.contributes.viewsWelcome.find((entry) => entry.view === view && entry.when?.includes(`dockside.engineProblem == ${problem}`));
      assert.ok(welcome, `${view} explains ${problem}`);
      assert.match(welcome.contents, /\[Retry\]\(command:dockside\.engine\.retry\)/);
    }
  }
});

test('each view says it is loading until its first list is in, and "No …" only once the list is in and empty', () => {
  const keys = { 'dockside.containers': 'dockside.containersList', 'dockside.images': 'dockside.imagesList', 'dockside.volumes': 'dockside.volumesList', 'dockside.networks': 'dockside.networksList' };
  for (const [view, key] of Object.entries(keys)) {
    const connected = manifest.contributes.viewsWelcome.filter((entry) => entry.view === view && entry.when?.includes('dockside.engineState == connected'));
    // A `when` of `&&`-joined `==` / `!=` terms, evaluated for one value of the view's list key (undefined: not set yet).
    const holds = (when: string, value: string | undefined) =>
      when.split('&&').every((term) => {
        const [, name, operator, expected] = /^\s*([\w.]+)\s*(==|!=)\s*(\w+)\s*$/.exec(term) ?? [];
        if (name === 'dockside.engineState') {
          return true;
        }
        assert.equal(name, key, `${view} reads its own list key`);
        return operator === '==' ? value === expected : value !== expected;
      });
    const shown = (value: string | undefined) => connected.filter((entry) => holds(entry.when ?? '', value)).map((entry) => entry.contents.split('\n')[0]);
    const noun = view.split('.')[1];
    assert.deepEqual(shown(undefined), [`Loading ${noun}…`], `${view} before the first list`);
    assert.deepEqual(shown('loading'), [`Loading ${noun}…`]);
    assert.deepEqual(shown('empty'), [`No ${noun}.`]);
    assert.deepEqual(shown('shown'), [], `${view} with rows shows no welcome`);
  }
});

test("a published port's row offers Open in Browser and Copy Port Address, inline and in its menu; the Ports and Health rows nothing", () => {
  const offered = (contextValue: string, inline: boolean) =>
    itemMenu
      .filter((entry) => shows(entry, 'dockside.containers', contextValue) && (entry.group?.startsWith('inline') ?? false) === inline)
      .map((entry) => entry.command)
      .sort();
  const portActions = ['dockside.containers.copyPortAddress', 'dockside.containers.openInBrowser'];
  assert.deepEqual(offered('publishedPort', true), portActions);
  assert.deepEqual(offered('publishedPort', false), portActions);
  for (const contextValue of ['publishedPorts', 'healthStatus', 'healthProbe', 'health.message']) {
    assert.deepEqual([...offered(contextValue, true), ...offered(contextValue, false)], [], contextValue);
  }
  const icon = (command: string) => (manifest.contributes.commands as Array<{ command: string; icon?: string }>).find((entry) => entry.command === command)?.icon;
  assert.ok(portActions.every((command) => icon(command)), 'inline actions show as icons');
});
