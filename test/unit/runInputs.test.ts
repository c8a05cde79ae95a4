import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseContainerName, parseEnv, parseEnvFile, parseLabel, parseList, parsePort, parseRestartPolicy, parseVolume, splitCommandLine } from '../../src/run/runInputs';

const ports: Array<[string, object | RegExp]> = [
  ['80', { hostIp: undefined, hostPort: undefined, containerPort: 80, protocol: 'tcp' }],
  ['8080:80', { hostIp: undefined, hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
  ['127.0.0.1:5432:5432', { hostIp: '127.0.0.1', hostPort: 5432, containerPort: 5432, protocol: 'tcp' }],
  ['53:53/udp', { hostIp: undefined, hostPort: 53, containerPort: 53, protocol: 'udp' }],
  ['127.0.0.1::80', { hostIp: '127.0.0.1', hostPort: undefined, containerPort: 80, protocol: 'tcp' }],
  ['[::1]:8080:80', { hostIp: '::1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
  ['70000:80', /Host port 70000 is out of range/],
  ['80:0', /Container port 0 is out of range/],
  ['80/icmp', /Unknown protocol "icmp"/],
  ['abc', /not a number/],
  ['300.1.1.1:80:80', /not an IPv4 address/],
  ['1:2:3:4', /not a port mapping/],
  [':80', { hostIp: undefined, hostPort: undefined, containerPort: 80, protocol: 'tcp' }],
  ['8080:', /not a port mapping/],
  ['8000-8001:8000-8001', { hostIp: undefined, hostPort: 8000, hostPortEnd: 8001, containerPort: 8000, containerPortEnd: 8001, protocol: 'tcp' }],
  ['127.0.0.1:9000-9002:7000-7002/udp', { hostIp: '127.0.0.1', hostPort: 9000, hostPortEnd: 9002, containerPort: 7000, containerPortEnd: 7002, protocol: 'udp' }],
  ['8000-8001', { hostIp: undefined, hostPort: undefined, containerPort: 8000, containerPortEnd: 8001, protocol: 'tcp' }],
  ['8000-8010:80', { hostIp: undefined, hostPort: 8000, hostPortEnd: 8010, containerPort: 80, protocol: 'tcp' }],
  ['8000:8000-8001', /host range has 1 port and the container range 2/],
  ['8000-8002:8000-8001', /host range has 3 ports and the container range 2/],
  ['8001-8000:80', /Host port range 8001-8000 ends before it starts/],
  ['80-70000', /Container port 70000 is out of range/],
];

for (const [input, expected] of ports) {
  test(`port ${input}`, () => {
    const parsed = parsePort(input);
    if (expected instanceof RegExp) {
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.reason, expected);
    } else {
      assert.deepEqual(parsed, { ok: true, value: expected });
    }
  });
}

const volumes: Array<[string, object | RegExp]> = [
  ['data:/var/lib/data', { kind: 'volume', source: 'data', target: '/var/lib/data', readOnly: false }],
  ['/home/me/src:/src:ro', { kind: 'bind', source: '/home/me/src', target: '/src', readOnly: true }],
  ['/a:/b:rw', { kind: 'bind', source: '/a', target: '/b', readOnly: false }],
  ['data:relative', /must be an absolute path/],
  ['./src:/src', /absolute host path or a volume name \(open a folder/],
  ['~/src:/src', /absolute host path or a volume name/],
  ['/a:/b:rx', /Unknown mount mode "rx"/],
  ['justone', /not a mount/],
  ['bad$name:/x', /not a valid volume name/],
];

for (const [input, expected] of volumes) {
  test(`volume ${input}`, () => {
    const parsed = parseVolume(input);
    if (expected instanceof RegExp) {
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.reason, expected);
    } else {
      assert.deepEqual(parsed, { ok: true, value: expected });
    }
  });
}

test('env entries: KEY=VALUE with = in the value, empty value, bad keys refused', () => {
  assert.deepEqual(parseEnv('A=b=c'), { ok: true, value: { key: 'A', value: 'b=c' } });
  assert.deepEqual(parseEnv('EMPTY='), { ok: true, value: { key: 'EMPTY', value: '' } });
  // `-e NAME`: passed through from the environment.
  assert.deepEqual(parseEnv('NOVALUE'), { ok: true, value: { key: 'NOVALUE' } });
  assert.match((parseEnv('NO VALUE') as { reason: string }).reason, /not KEY=VALUE nor a variable name/);
  assert.match((parseEnv('1X=2') as { reason: string }).reason, /not a valid variable name/);
});

test('an env file skips comments and blank lines and names the bad line', () => {
  assert.deepEqual(parseEnvFile('# comment\nA=1\n\nB=two words\r\n'), { ok: true, value: [{ key: 'A', value: '1' }, { key: 'B', value: 'two words' }] });
  assert.match((parseEnvFile('A=1\nbad key\n') as { reason: string }).reason, /^Line 2: /);
});

test('lists are shell words separated by spaces or commas, quotes keep spaces', () => {
  assert.deepEqual(parseList('A=1 B="two words",C=3', parseEnv), {
    ok: true,
    value: [{ key: 'A', value: '1' }, { key: 'B', value: 'two words' }, { key: 'C', value: '3' }],
  });
  assert.deepEqual(parseList('', parsePort), { ok: true, value: [] });
  assert.match((parseList('8080:80 99999', parsePort) as { reason: string }).reason, /out of range/);
});

test('command lines split like a shell, without expansion', () => {
  assert.deepEqual(splitCommandLine(`sh -c 'echo "a b"; exit 3'`), { ok: true, value: ['sh', '-c', 'echo "a b"; exit 3'] });
  assert.deepEqual(splitCommandLine('echo "x\\"y" a\\ b ""'), { ok: true, value: ['echo', 'x"y', 'a b', ''] });
  assert.match((splitCommandLine('echo "open') as { reason: string }).reason, /Unclosed double quote/);
});

test('restart policies and container names', () => {
  assert.deepEqual(parseRestartPolicy('on-failure:3'), { ok: true, value: { name: 'on-failure', maximumRetryCount: 3 } });
  assert.deepEqual(parseRestartPolicy('unless-stopped'), { ok: true, value: { name: 'unless-stopped' } });
  assert.equal(parseRestartPolicy('sometimes').ok, false);
  assert.deepEqual(parseContainerName(''), { ok: true, value: undefined });
  assert.deepEqual(parseContainerName('/web_1'), { ok: true, value: 'web_1' });
  assert.equal(parseContainerName('-x').ok, false);
});

test('relative bind sources resolve against the folder given, as docker run resolves them against the current one', () => {
  const parent = path.join(os.tmpdir(), 'run-inputs');
  const folder = path.join(parent, 'app');
  assert.deepEqual(parseVolume('./src:/src:ro', folder), { ok: true, value: { kind: 'bind', source: path.join(folder, 'src'), target: '/src', readOnly: true } });
  assert.deepEqual(parseVolume('../data:/data', folder), { ok: true, value: { kind: 'bind', source: path.join(parent, 'data'), target: '/data', readOnly: false } });
  assert.deepEqual(parseVolume('.:/app', folder), { ok: true, value: { kind: 'bind', source: folder, target: '/app', readOnly: false } });
  assert.match((parseVolume('.hidden:/x', folder) as { reason: string }).reason, /starting with \.\/ or \.\.\//);
  assert.match((parseVolume('~/src:/src', folder) as { reason: string }).reason, /absolute host path/);
});

test('labels: key=value, a bare key is an empty value, spaces in keys refused', () => {
  assert.deepEqual(parseList('com.example.team=web empty= flag "note=two words"', parseLabel), {
    ok: true,
    value: [
      { key: 'com.example.team', value: 'web' },
      { key: 'empty', value: '' },
      { key: 'flag', value: '' },
      { key: 'note', value: 'two words' },
    ],
  });
  assert.match((parseLabel('=x') as { reason: string }).reason, /not a label/);
});
