import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { describeClashes, hostPortClashes } from '../../src/run/portClash';
import type { PortMapping } from '../../src/run/runInputs';

function running(id: string, name: string, ports: Array<Partial<Docker.Port>>): Docker.ContainerInfo {
  return { Id: id, Names: [`/${name}`], Ports: ports } as Docker.ContainerInfo;
}

const web = running('w1', 'web', [
  { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
  { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
]);
const db = running('d1', 'db', [{ IP: '127.0.0.1', PrivatePort: 5432, PublicPort: 5432, Type: 'tcp' }, { PrivatePort: 9000, Type: 'tcp' }]);
const port = (mapping: Partial<PortMapping>): PortMapping => ({ containerPort: 80, protocol: 'tcp', ...mapping });

test('a host port another container publishes is a clash, named with that container, once per port', () => {
  const clashes = hostPortClashes([port({ hostPort: 8080 }), port({ hostPort: 5432, containerPort: 5432 })], [web, db]);
  assert.deepEqual(clashes, [
    { hostPort: 5432, protocol: 'tcp', container: 'db' },
    { hostPort: 8080, protocol: 'tcp', container: 'web' },
  ]);
  assert.equal(describeClashes(clashes), '5432/tcp (used by db), 8080/tcp (used by web)');
});

test('other protocol, other address, an engine-picked host port or an ignored container are no clash; a host range is', () => {
  assert.deepEqual(hostPortClashes([port({ hostPort: 8080, protocol: 'udp' })], [web, db]), []);
  assert.deepEqual(hostPortClashes([port({ hostPort: 5432, hostIp: '127.0.0.2' })], [web, db]), []);
  assert.deepEqual(hostPortClashes([port({})], [web, db]), []);
  assert.deepEqual(hostPortClashes([port({ hostPort: 8080 })], [web, db], new Set(['w1'])), []);
  assert.deepEqual(hostPortClashes([port({ hostPort: 8000, hostPortEnd: 8090 })], [web]), [{ hostPort: 8080, protocol: 'tcp', container: 'web' }]);
});
