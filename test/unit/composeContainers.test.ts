import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { toComposeContainers } from '../../src/language/composeContainers';

function info(labels: Record<string, string>, extra: Partial<Docker.ContainerInfo> = {}): Docker.ContainerInfo {
  return {
    Id: 'abcdef1234567890',
    Names: ['/shop_web_1'],
    Image: 'nginx:1.27',
    ImageID: 'sha256:1',
    Command: '',
    Created: 0,
    Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }, { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
    Labels: labels,
    State: 'running',
    Status: 'Up 5 minutes',
    HostConfig: { NetworkMode: 'default' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
    ...extra,
  };
}

test('Compose containers for the language server: files made absolute against the working folder, one-off and unlabelled containers left out', () => {
  const labels = {
    'com.docker.compose.project': 'shop',
    'com.docker.compose.service': 'web',
    'com.docker.compose.project.working_dir': '/src/shop',
    'com.docker.compose.project.config_files': 'compose.yaml,/src/shop/compose.override.yaml',
  };
  assert.deepEqual(
    toComposeContainers([
      info(labels),
      info({ ...labels, 'com.docker.compose.oneoff': 'True' }, { Names: ['/shop_web_run_1'] }),
      info({}, { Names: ['/plain'] }),
    ]),
    [
      {
        project: 'shop',
        service: 'web',
        name: 'shop_web_1',
        image: 'nginx:1.27',
        state: 'running',
        status: 'Up 5 minutes',
        ports: ['8080→80/tcp'],
        workingDir: '/src/shop',
        configFiles: ['/src/shop/compose.yaml', '/src/shop/compose.override.yaml'],
      },
    ],
  );
});
