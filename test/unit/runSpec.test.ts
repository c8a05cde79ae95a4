import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderDockerRun, RunSpec, toCreateOptions } from '../../src/run/runSpec';

const spec: RunSpec = {
  image: 'dockside-test/busybox:1',
  name: 'web',
  ports: [
    { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
    { hostIp: '127.0.0.1', containerPort: 53, protocol: 'udp' },
  ],
  env: [{ key: 'GREETING', value: "it's here" }, { key: 'A', value: '1' }],
  volumes: [{ kind: 'volume', source: 'data', target: '/data', readOnly: false }, { kind: 'bind', source: '/srv/src', target: '/src', readOnly: true }],
  network: 'none',
  restart: { name: 'on-failure', maximumRetryCount: 2 },
  command: ['sh', '-c', 'echo hi; sleep 1'],
  interactive: false,
};

test('the docker run command line says exactly what the spec asks, quoted for a shell', () => {
  assert.equal(
    renderDockerRun(spec),
    `docker run -d --name web -p 8080:80 -p 127.0.0.1::53/udp -e 'GREETING=it'\\''s here' -e A=1 -v data:/data -v /srv/src:/src:ro --network none --restart on-failure:2 dockside-test/busybox:1 sh -c 'echo hi; sleep 1'`,
  );
  assert.equal(renderDockerRun({ ...spec, name: undefined, ports: [], env: [], volumes: [], network: undefined, restart: { name: 'no' }, command: [], interactive: true }), 'docker run -it dockside-test/busybox:1');
});

test('create options carry ports, env, binds, network, restart policy and command', () => {
  const options = toCreateOptions(spec);
  assert.deepEqual(options.ExposedPorts, { '80/tcp': {}, '53/udp': {} });
  assert.deepEqual(options.HostConfig?.PortBindings, { '80/tcp': [{ HostIp: '', HostPort: '8080' }], '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
  assert.deepEqual(options.Env, ["GREETING=it's here", 'A=1']);
  assert.deepEqual(options.HostConfig?.Binds, ['data:/data', '/srv/src:/src:ro']);
  assert.deepEqual(options.HostConfig?.RestartPolicy, { Name: 'on-failure', MaximumRetryCount: 2 });
  assert.equal(options.HostConfig?.NetworkMode, 'none');
  assert.deepEqual(options.Cmd, ['sh', '-c', 'echo hi; sleep 1']);
  assert.equal(options.Tty, false);
  assert.equal(toCreateOptions({ ...spec, command: [] }).Cmd, undefined);
  assert.equal(toCreateOptions({ ...spec, interactive: true }).OpenStdin, true);
});

test('port ranges: spread one binding per container port; a host pool for one container port stays a range', () => {
  const ranged: RunSpec = {
    ...spec,
    ports: [
      { hostPort: 8000, hostPortEnd: 8001, containerPort: 8000, containerPortEnd: 8001, protocol: 'tcp' },
      { hostPort: 9000, hostPortEnd: 9010, containerPort: 80, protocol: 'tcp' },
      { containerPort: 7000, containerPortEnd: 7001, protocol: 'udp' },
    ],
  };
  const options = toCreateOptions(ranged);
  assert.deepEqual(options.HostConfig?.PortBindings, {
    '8000/tcp': [{ HostIp: '', HostPort: '8000' }],
    '8001/tcp': [{ HostIp: '', HostPort: '8001' }],
    '80/tcp': [{ HostIp: '', HostPort: '9000-9010' }],
    '7000/udp': [{ HostIp: '', HostPort: '' }],
    '7001/udp': [{ HostIp: '', HostPort: '' }],
  });
  assert.deepEqual(Object.keys(options.ExposedPorts ?? {}), ['8000/tcp', '8001/tcp', '80/tcp', '7000/udp', '7001/udp']);
  assert.match(renderDockerRun(ranged), / -p 8000-8001:8000-8001 -p 9000-9010:80 -p 7000-7001\/udp /);
});

test('-e NAME passes the variable through: its value from the environment, left out when unset; the command says -e NAME', () => {
  const passing: RunSpec = { ...spec, env: [{ key: 'TOKEN' }, { key: 'UNSET_HERE' }, { key: 'A', value: '1' }] };
  assert.deepEqual(toCreateOptions(passing, { TOKEN: 's3cret' }).Env, ['TOKEN=s3cret', 'A=1']);
  assert.match(renderDockerRun(passing), / -e TOKEN -e UNSET_HERE -e A=1 /);
});

test('labels from the labels step are in the create options and the command', () => {
  const labelled: RunSpec = { ...spec, labels: { 'com.example.team': 'web', note: 'two words' } };
  assert.deepEqual(toCreateOptions(labelled).Labels, { 'com.example.team': 'web', note: 'two words' });
  assert.match(renderDockerRun(labelled), / --label com.example.team=web --label 'note=two words' /);
});
