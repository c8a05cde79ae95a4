import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { machineValue, withMachineSettings } from '../../src/settingScope';

interface SettingSchema {
  type?: string | string[];
  scope?: string;
  description?: string;
  markdownDescription?: string;
}

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported?: boolean | string; description?: string; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, SettingSchema> } | Array<{ properties: Record<string, SettingSchema> }> };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;
const configuration = manifest.contributes.configuration;
const settings: Array<[string, SettingSchema]> = (Array.isArray(configuration) ? configuration : [configuration]).flatMap((part) => Object.entries(part.properties));

/** Scopes whose values VS Code never takes from workspace or folder settings. */
const MACHINE_ONLY = new Set(['machine', 'application']);

/**
 * A setting that names something that runs or connects: an executable or path, a command or program, an engine
 * host or endpoint, a network, a shell, a user, arguments or environment. Judged by its name and its description.
 */
function namesSomethingThatRuns(key: string, schema: SettingSchema): boolean {
  const name = key.split('.').pop() ?? key;
  const description = `${schema.description ?? ''} ${schema.markdownDescription ?? ''}`;
  return (
    /executable|path$|command|program|binary|host|endpoint|network$|shell|user$|socket|url$|args$|arguments|env$|environment/i.test(name) ||
    /\b(executable|program to run|binary|engine endpoint|network mode|network of)\b/i.test(description)
  );
}

test('the manifest contributes settings to check', () => {
  assert.ok(settings.length > 10);
  assert.ok(settings.some(([key]) => key === 'dockside.dockerfile.shellcheck.executablePath'));
});

test('no setting that names an executable, a host, a network, a shell or a user can be set by a workspace', () => {
  const flagged = settings.filter(([key, schema]) => namesSomethingThatRuns(key, schema));
  const flaggedKeys = new Set(flagged.map(([key]) => key));
  for (const key of ['dockside.build.network', 'dockside.dockerfile.shellcheck.executablePath', 'dockside.exec.shell', 'dockside.exec.user', 'dockside.host']) {
    assert.ok(flaggedKeys.has(key), `${key} is recognised as naming something that runs or connects`);
  }
  for (const key of ['dockside.networks.showBuiltIn', 'dockside.dockerfile.shellcheck.enabled', 'dockside.build.builder', 'dockside.logs.tail']) {
    assert.ok(!flaggedKeys.has(key), `${key} is harmless from a workspace`);
  }
  const workspaceSettable = flagged.filter(([, schema]) => !MACHINE_ONLY.has(schema.scope ?? 'window')).map(([key, schema]) => `${key} (${schema.scope ?? 'window'})`);
  assert.deepEqual(workspaceSettable, [], 'settable from a workspace');
});

test('Restricted Mode: supported with limits, every machine setting listed as restricted, every listed setting contributed', () => {
  const untrusted = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(untrusted?.supported, 'limited');
  assert.ok(untrusted.description && untrusted.description.length > 20, 'a description says what is limited');
  const restricted = new Set(untrusted.restrictedConfigurations ?? []);
  const keys = new Set(settings.map(([key]) => key));
  for (const key of restricted) {
    assert.ok(keys.has(key), `${key} is contributed`);
  }
  for (const [key, schema] of settings) {
    if (namesSomethingThatRuns(key, schema) || MACHINE_ONLY.has(schema.scope ?? '')) {
      assert.ok(restricted.has(key), `${key} is a restricted configuration`);
    }
  }
});

test("a machine setting's value is the user's or the default, never a workspace's or a folder's", () => {
  assert.equal(machineValue({ defaultValue: 'shellcheck', workspaceValue: './evil.sh', workspaceFolderValue: './evil.sh' }, 'shellcheck'), 'shellcheck');
  assert.equal(machineValue({ defaultValue: 'shellcheck', globalValue: '/opt/shellcheck', workspaceValue: './evil.sh' }, 'shellcheck'), '/opt/shellcheck');
  assert.equal(machineValue({ defaultValue: '', workspaceValue: 'host' }, ''), '');
  assert.equal(machineValue<string>({ globalValue: 42 as unknown as string }, 'auto'), 'auto', 'a value of the wrong type counts as unset');
  assert.equal(machineValue(undefined, 'auto'), 'auto');
});

test("the language server's settings carry the user's ShellCheck path whatever the merged section held", () => {
  assert.deepEqual(withMachineSettings({ shellcheck: { enabled: true, executablePath: './evil.sh', maxLines: 10 }, rules: { DS201: 'off' } }, { shellcheckPath: 'shellcheck' }), {
    shellcheck: { enabled: true, executablePath: 'shellcheck', maxLines: 10 },
    rules: { DS201: 'off' },
  });
  assert.deepEqual(withMachineSettings(null, { shellcheckPath: '/opt/sc' }), { shellcheck: { executablePath: '/opt/sc' } });
  assert.deepEqual(withMachineSettings({ shellcheck: 'x' }, { shellcheckPath: '/opt/sc' }), { shellcheck: { executablePath: '/opt/sc' } });
});
