import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { buildRequestOf, composeTaskOf, failedBuildExitCode, runTaskOf } from '../../src/tasks/definitions';
import { defaultImageName, providedBuildDefinitions, providedComposeDefinitions } from '../../src/tasks/providedTasks';
import { renderDockerRun, toCreateOptions } from '../../src/run/runSpec';

const folder = '/projects/shop';
const manifest = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
  contributes: { taskDefinitions: Array<{ type: string; required?: string[]; properties: Record<string, { description?: string }> }> };
};
const noFiles = (file: string): string => {
  throw Object.assign(new Error(`no ${file}`), { code: 'ENOENT' });
};

describe('taskDefinitions in package.json', () => {
  test('declare the three task types with every property of their definitions, each described', () => {
    const byType = Object.fromEntries(manifest.contributes.taskDefinitions.map((definition) => [definition.type, definition]));
    const expected: Record<string, string[]> = {
      'docker-build': ['dockerfile', 'context', 'tags', 'buildArgs', 'target', 'platform', 'labels', 'builder'],
      'docker-run': ['image', 'name', 'ports', 'env', 'envFiles', 'volumes', 'network', 'command', 'remove', 'detached'],
      'docker-compose': ['files', 'profiles', 'envFile', 'command', 'services', 'detached', 'build'],
    };
    assert.deepEqual(Object.keys(byType).sort(), Object.keys(expected).sort());
    for (const [type, properties] of Object.entries(expected)) {
      for (const property of properties) {
        assert.ok(byType[type].properties[property]?.description, `${type}.${property} is described`);
      }
    }
  });
});

describe('docker-build → build request', () => {
  test('paths resolve against the workspace folder; every option reaches the request', () => {
    const mapped = buildRequestOf(
      { type: 'docker-build', dockerfile: 'web/Dockerfile.prod', context: 'web', tags: ['shop/web:1', 'shop/web:latest'], buildArgs: { NODE: '22' }, target: 'runtime', platform: 'linux/arm64', labels: { team: 'a' }, builder: 'classic', noCache: true },
      folder,
    );
    assert.deepEqual(mapped, {
      ok: true,
      value: { contextDir: '/projects/shop/web', dockerfile: '/projects/shop/web/Dockerfile.prod', tags: ['shop/web:1', 'shop/web:latest'], buildArgs: { NODE: '22' }, target: 'runtime', platform: 'linux/arm64', labels: { team: 'a' }, noCache: true, builder: 'classic' },
    });
  });

  test('defaults: the folder as context, its Dockerfile, one tag as a string', () => {
    const mapped = buildRequestOf({ type: 'docker-build', tags: 'shop:dev', context: '/abs/ctx' }, folder);
    assert.ok(mapped.ok);
    assert.equal(mapped.value.contextDir, '/abs/ctx');
    assert.equal(mapped.value.dockerfile, '/abs/ctx/Dockerfile');
    assert.deepEqual(mapped.value.tags, ['shop:dev']);
    assert.equal(mapped.value.builder, undefined);
  });

  test('bad values are refused with the property named', () => {
    const reasons = [
      buildRequestOf({ type: 'docker-build', tags: ['Not Valid'] }, folder),
      buildRequestOf({ type: 'docker-build', tags: ['web@sha256:' + 'a'.repeat(64)] }, folder),
      buildRequestOf({ type: 'docker-build', builder: 'kaniko' }, folder),
      buildRequestOf({ type: 'docker-build', buildArgs: { N: 1 } as unknown as Record<string, string> }, folder),
    ].map((mapped) => (mapped.ok ? 'accepted' : mapped.reason));
    assert.match(reasons[0], /^"tags"/);
    assert.match(reasons[1], /digest/);
    assert.match(reasons[2], /"builder" must be auto, buildkit or classic/);
    assert.match(reasons[3], /"buildArgs" must be an object of string values/);
  });

  test('a failed build exits with its step\'s code, never 0', () => {
    assert.equal(failedBuildExitCode(3), 3);
    assert.equal(failedBuildExitCode(undefined), 1);
    assert.equal(failedBuildExitCode(0), 1);
  });
});

describe('docker-run → create options', () => {
  test('every property reaches the engine call', () => {
    const files: Record<string, string> = { '/projects/shop/.env': '# comment\nMODE=file\nKEEP=1\n' };
    const mapped = runTaskOf(
      { type: 'docker-run', image: 'shop:dev', name: 'shop-dev', ports: ['127.0.0.1:8080:80', '53/udp'], env: { MODE: 'task' }, envFiles: ['.env'], volumes: ['./data:/data:ro', 'cache:/cache'], network: 'backend', command: 'node server.js --port "80"', labels: { 'dockside.test': '1' }, remove: true, detached: false },
      folder,
      (file) => files[file] ?? noFiles(file),
    );
    assert.ok(mapped.ok, mapped.ok ? '' : mapped.reason);
    assert.equal(mapped.value.detached, false);
    const options = toCreateOptions(mapped.value.spec, {});
    assert.equal(options.Image, 'shop:dev');
    assert.equal(options.name, 'shop-dev');
    assert.deepEqual(options.Cmd, ['node', 'server.js', '--port', '80']);
    // env after envFiles: MODE from the task wins, as with docker run --env-file … -e …
    assert.deepEqual(options.Env, ['MODE=file', 'KEEP=1', 'MODE=task']);
    assert.deepEqual(options.Labels, { 'dockside.test': '1' });
    assert.deepEqual(options.HostConfig?.PortBindings, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '53/udp': [{ HostIp: '', HostPort: '' }] });
    assert.deepEqual(options.HostConfig?.Binds, ['/projects/shop/data:/data:ro', 'cache:/cache']);
    assert.equal(options.HostConfig?.NetworkMode, 'backend');
    assert.equal(options.HostConfig?.AutoRemove, true);
    assert.match(renderDockerRun(mapped.value.spec), /^docker run -d --rm --name shop-dev /);
  });

  test('detached by default; a command as a list is taken as is', () => {
    const mapped = runTaskOf({ type: 'docker-run', image: 'busybox:1', command: ['sh', '-c', 'echo a b'] }, folder, noFiles);
    assert.ok(mapped.ok);
    assert.equal(mapped.value.detached, true);
    assert.deepEqual(toCreateOptions(mapped.value.spec, {}).Cmd, ['sh', '-c', 'echo a b']);
    assert.equal(toCreateOptions(mapped.value.spec, {}).HostConfig?.AutoRemove, undefined);
  });

  test('bad values are refused with the property named', () => {
    const reason = (definition: Parameters<typeof runTaskOf>[0]) => {
      const mapped = runTaskOf(definition, folder, noFiles);
      return mapped.ok ? 'accepted' : mapped.reason;
    };
    assert.match(reason({ type: 'docker-run' }), /"image" is required/);
    assert.match(reason({ type: 'docker-run', image: 'a', ports: ['99999:80'] }), /^"ports"/);
    assert.match(reason({ type: 'docker-run', image: 'a', envFiles: ['missing.env'] }), /"envFiles": cannot read missing\.env \(ENOENT\)/);
    assert.match(reason({ type: 'docker-run', image: 'a', name: 'bad name!' }), /./);
    assert.match(reason({ type: 'docker-run', image: 'a', detached: 'yes' as unknown as boolean }), /"detached" must be true or false/);
  });
});

describe('docker-compose → Compose arguments', () => {
  test('up: detached and build by flags, services last, paths resolved', () => {
    const mapped = composeTaskOf({ type: 'docker-compose', command: 'up', files: ['deploy/compose.yaml', 'deploy/compose.dev.yaml'], profiles: ['debug'], envFile: 'deploy/.env.dev', services: ['web'], detached: true, build: true }, folder);
    assert.deepEqual(mapped, {
      ok: true,
      value: {
        files: ['/projects/shop/deploy/compose.yaml', '/projects/shop/deploy/compose.dev.yaml'],
        envFiles: ['/projects/shop/deploy/.env.dev'],
        profiles: ['debug'],
        cwd: '/projects/shop/deploy',
        args: ['up', '-d', '--build', 'web'],
      },
    });
  });

  test('down acts on the project; logs follow when not detached; no files: the folder', () => {
    assert.deepEqual(composeTaskOf({ type: 'docker-compose', command: 'down' }, folder), { ok: true, value: { files: [], envFiles: [], profiles: [], cwd: folder, args: ['down'] } });
    const logs = composeTaskOf({ type: 'docker-compose', command: 'logs', detached: false, services: ['db'] }, folder);
    assert.ok(logs.ok);
    assert.deepEqual(logs.value.args, ['logs', '--follow', 'db']);
  });

  test('an unknown command or services for down are refused', () => {
    const unknown = composeTaskOf({ type: 'docker-compose', command: 'exec' }, folder);
    assert.ok(!unknown.ok && /must be one of up, down, build, pull, restart, logs/.test(unknown.reason));
    const down = composeTaskOf({ type: 'docker-compose', command: 'down', services: ['web'] }, folder);
    assert.ok(!down.ok && /cannot be given to down/.test(down.reason));
  });
});

describe('provided tasks', () => {
  test('one build per Dockerfile, its folder as context, tagged after the folder', () => {
    assert.deepEqual(providedBuildDefinitions('Dockerfile', 'My Shop'), { type: 'docker-build', dockerfile: 'Dockerfile', context: '.', tags: ['my-shop:latest'] });
    assert.deepEqual(providedBuildDefinitions('services/api/Dockerfile.dev', 'shop'), { type: 'docker-build', dockerfile: 'services/api/Dockerfile.dev', context: 'services/api', tags: ['api-dev:latest'] });
    assert.equal(defaultImageName('worker.Dockerfile', 'shop'), 'shop-worker:latest');
  });

  test('compose up and down per file', () => {
    assert.deepEqual(providedComposeDefinitions('compose.yaml').map((definition) => definition.command), ['up', 'down']);
  });
});
