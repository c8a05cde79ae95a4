import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { podmanCreateOptions, runtimeOf } from '../../src/engine/runtime';
import { toCreateOptions } from '../../src/run/runSpec';
import { defaultRunSpec } from '../../src/run/runMemory';
import { statusBarText } from '../../src/views/engineStatusText';

const version = (name: string) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'runtime', `${name}-version.json`), 'utf8')) as Docker.DockerVersion;

test("the runtime comes from /version's components: Podman's service names its engine \"Podman Engine\"", () => {
  assert.equal(runtimeOf(version('podman')), 'podman');
  assert.equal(runtimeOf(version('docker')), 'docker');
  assert.equal(runtimeOf(undefined), 'docker');
  assert.equal(runtimeOf({ Components: undefined } as never), 'docker');
});

test('the status bar names the runtime', () => {
  const podman = version('podman');
  const state = { kind: 'connected' as const, endpoint: '/run/podman/podman.sock', contextName: 'default', version: podman.Version, apiVersion: podman.ApiVersion, runtime: runtimeOf(podman) };
  assert.equal(statusBarText(state).text, `$(vm-running) Podman ${podman.Version}`);
  assert.match(statusBarText({ ...state, runtime: 'docker' }).tooltip, /^Docker Engine/);
});

test('an engine version or context name cannot put icons or control characters in the status bar', () => {
  const state = { kind: 'connected' as const, endpoint: 'tcp://127.0.0.1:2376', contextName: 'lab$(alert)', version: '1.0\u001b[2J$(sync~spin)', apiVersion: '1.41' };
  const { text, tooltip } = statusBarText(state);
  assert.equal(text, '$(vm-running) lab\\$(alert) · Docker 1.0\\x1b[2J\\$(sync~spin)');
  assert.ok(!tooltip.includes('\u001b'), tooltip);
});

test('a run on Podman always asks for no network, and says so when the user had chosen one', () => {
  const spec = defaultRunSpec('dockside-test/busybox:1');
  const plain = podmanCreateOptions(toCreateOptions(spec));
  assert.equal(plain.options.HostConfig?.NetworkMode, 'none');
  assert.equal(plain.note, undefined);
  const chosen = podmanCreateOptions(toCreateOptions({ ...spec, network: 'backend' }));
  assert.equal(chosen.options.HostConfig?.NetworkMode, 'none');
  assert.match(chosen.note ?? '', /network "backend" was not used/);
  // The rest of the options is what Docker gets.
  assert.deepEqual({ ...chosen.options, HostConfig: { ...chosen.options.HostConfig, NetworkMode: 'backend' } }, toCreateOptions({ ...spec, network: 'backend' }));
});
