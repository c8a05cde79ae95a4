import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { startComposeServer, type ComposeClient } from './composeHarness';
import { ProjectFolders } from './projectFolders';
import { rangeOf } from './textRange';

let client: ComposeClient;
const folders = new ProjectFolders('dockside-compose-');

before(async () => {
  client = await startComposeServer({ FROM_ENVIRONMENT: 'set' });
});
after(async () => {
  await client.dispose();
  folders.dispose();
});

/** Diagnostics of a file written in its own folder (with the other files given), as code → range → message. */
async function diagnose(text: string, others: Record<string, string> = {}, name = 'compose.yaml'): Promise<Diagnostic[]> {
  const dir = folders.create(others);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const diagnostics = await client.open(uri, text);
  await client.close(uri);
  return diagnostics;
}

function errors(diagnostics: Diagnostic[]) {
  return diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => ({ code: d.code, range: d.range, message: d.message }));
}

describe('YAML syntax and duplicate keys', () => {
  test('a duplicate key is an error on the second key', async () => {
    const text = 'services:\n  web:\n    image: a\n    image: b\n';
    const found = errors(await diagnose(text));
    assert.deepEqual(found.map((d) => [d.code, d.range]), [['compose-duplicate-key', rangeOf(text, 'image', 1)]]);
    assert.match(found[0].message, /Duplicate key "image"/);
  });

  test('a YAML syntax error is reported, and nothing else is judged', async () => {
    const text = 'services:\n  web:\n    image: "unclosed\n';
    const found = errors(await diagnose(text));
    assert.ok(found.length >= 1);
    assert.ok(found.every((d) => d.code === 'compose-yaml-syntax'), JSON.stringify(found));
  });
});

describe('the Compose schema', () => {
  test('an unknown key names the closest valid key, on the key', async () => {
    const text = 'services:\n  web:\n    image: nginx\n    enviroment:\n      A: "1"\n';
    assert.deepEqual(errors(await diagnose(text)), [
      { code: 'compose-schema-unknown-key', range: rangeOf(text, 'enviroment'), message: 'Unknown key "enviroment" in "services.web". Did you mean "environment"?' },
    ]);
  });

  test('a wrong type says what was expected', async () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports: "80:80"\n';
    assert.deepEqual(errors(await diagnose(text)), [
      { code: 'compose-schema-type', range: rangeOf(text, '"80:80"'), message: '"services.web.ports" must be a list, not the string "80:80".' },
    ]);
  });

  test('an unknown top-level key, and custom x- keys accepted', async () => {
    const text = 'x-common: &c\n  image: a\nservices:\n  web:\n    <<: *c\nservice:\n  a: 1\n';
    assert.deepEqual(errors(await diagnose(text)).map((d) => [d.code, d.range]), [['compose-schema-unknown-key', rangeOf(text, 'service', 1)]]);
  });

  test('interpolation comes before type checks: "${PORT:-8080}:80" and ${CPUS} are valid', async () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports:\n      - "${PORT:-8080}:80"\n    cpus: ${CPUS}\n    mem_limit: ${MEMORY:-1g}\n';
    assert.deepEqual(errors(await diagnose(text)), []);
  });

  test('the top-level version is obsolete, not an error', async () => {
    const text = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n';
    const diagnostics = await diagnose(text);
    assert.deepEqual(errors(diagnostics), []);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range]), [['compose-obsolete-version', DiagnosticSeverity.Hint, rangeOf(text, 'version')]]);
  });
});

describe("the loader's rules", () => {
  const cases: { name: string; text: string; code: string; at: string; occurrence?: number }[] = [
    { name: 'depends_on an undefined service', text: 'services:\n  web:\n    image: a\n    depends_on: [db]\n', code: 'compose-undefined-service', at: 'db' },
    { name: 'depends_on (long form) an undefined service', text: 'services:\n  web:\n    image: a\n    depends_on:\n      db:\n        condition: service_healthy\n', code: 'compose-undefined-service', at: 'db' },
    { name: 'links to an undefined service', text: 'services:\n  web:\n    image: a\n    links:\n      - "db:database"\n', code: 'compose-undefined-service', at: '"db:database"' },
    { name: 'extends an undefined service', text: 'services:\n  web:\n    image: a\n    extends: base\n', code: 'compose-undefined-service', at: 'base' },
    { name: 'network_mode: service: an undefined service', text: 'services:\n  web:\n    image: a\n    network_mode: "service:vpn"\n', code: 'compose-undefined-service', at: '"service:vpn"' },
    { name: 'volumes_from an undefined service', text: 'services:\n  web:\n    image: a\n    volumes_from:\n      - data:ro\n', code: 'compose-undefined-service', at: 'data:ro' },
    { name: 'an undeclared network', text: 'services:\n  web:\n    image: a\n    networks: [front]\n', code: 'compose-undefined-network', at: 'front' },
    { name: 'an undeclared named volume', text: 'services:\n  web:\n    image: a\n    volumes:\n      - data:/var/lib/data\n', code: 'compose-undefined-volume', at: 'data:/var/lib/data' },
    { name: 'an undeclared secret', text: 'services:\n  web:\n    image: a\n    secrets: [token]\n', code: 'compose-undefined-secret', at: 'token' },
    { name: 'an undeclared config', text: 'services:\n  web:\n    image: a\n    configs:\n      - source: conf\n        target: /etc/conf\n', code: 'compose-undefined-config', at: 'conf', occurrence: 1 },
    { name: 'a service with neither image nor build', text: 'services:\n  web:\n    command: echo\n', code: 'compose-no-image', at: 'web' },
    { name: 'networks with network_mode', text: 'networks:\n  front: {}\nservices:\n  web:\n    image: a\n    network_mode: host\n    networks: [front]\n', code: 'compose-network-mode-networks', at: 'networks', occurrence: 1 },
    { name: 'a port out of range', text: 'services:\n  web:\n    image: a\n    ports:\n      - "70000:80"\n', code: 'compose-port', at: '"70000:80"' },
    { name: 'a port with an unknown protocol', text: 'services:\n  web:\n    image: a\n    ports:\n      - "80:80/tpc"\n', code: 'compose-port', at: '"80:80/tpc"' },
    { name: 'a volume with an empty section', text: 'services:\n  web:\n    image: a\n    volumes:\n      - ./data::/data\n', code: 'compose-volume', at: './data::/data' },
    { name: 'a volume with too many colons', text: 'services:\n  web:\n    image: a\n    volumes:\n      - ./a:/b:ro:z\n', code: 'compose-volume', at: './a:/b:ro:z' },
    { name: 'an unclosed ${', text: 'services:\n  web:\n    image: "nginx:${TAG"\n', code: 'compose-interpolation', at: '${TAG' },
    { name: 'an invalid ${…}', text: 'services:\n  web:\n    image: a\n    command: "echo ${1abc}"\n', code: 'compose-interpolation', at: '${1abc}' },
    { name: 'an invalid duration', text: 'services:\n  web:\n    image: a\n    healthcheck:\n      interval: 10 seconds\n', code: 'compose-duration', at: '10 seconds' },
    { name: 'an invalid byte size', text: 'services:\n  web:\n    image: a\n    mem_limit: 1 gigabyte\n', code: 'compose-size', at: '1 gigabyte' },
    { name: 'a healthcheck test without CMD', text: 'services:\n  web:\n    image: a\n    healthcheck:\n      test: ["curl", "-f", "localhost"]\n', code: 'compose-healthcheck-test', at: '"curl"' },
    { name: 'a secret with no source', text: 'services:\n  web:\n    image: a\nsecrets:\n  token:\n    name: t\n', code: 'compose-secret-source', at: 'token' },
  ];
  for (const { name, text, code, at, occurrence } of cases) {
    test(name, async () => {
      assert.deepEqual(errors(await diagnose(text)).map((d) => [d.code, d.range]), [[code, rangeOf(text, at, occurrence)]]);
    });
  }

  test('valid forms of the same are not flagged', async () => {
    const text = [
      'services:',
      '  web:',
      '    image: a',
      '    depends_on:',
      '      db:',
      '        condition: service_healthy',
      '    links: ["db:database"]',
      '    network_mode: "service:db"',
      '    volumes_from: ["db:ro", "container:other"]',
      '    volumes:',
      '      - data:/data',
      '      - ./src:/src:ro,z',
      '      - /abs:/abs',
      '      - C:\\\\win:/win',
      '      - /anonymous',
      '    ports: ["80", "8080:80", "127.0.0.1:8000-8001:80-81/udp", "[::1]:53:53/udp", 9090]',
      '    secrets: [token]',
      '    mem_limit: 512m',
      '    shm_size: 1073741824',
      '    stop_grace_period: 1m30s',
      '    healthcheck:',
      '      test: ["CMD-SHELL", "curl -f localhost || exit 1"]',
      '      interval: 30s',
      '    command: sh -c \'echo $$HOME $(date) $1\'',
      '  db:',
      '    build: .',
      'volumes:',
      '  data: {}',
      'secrets:',
      '  token:',
      '    environment: TOKEN',
      '',
    ].join('\n');
    assert.deepEqual(errors(await diagnose(text)), []);
  });
});

describe('interpolation from the .env file and the environment', () => {
  test('a variable from .env decides a value that is then checked', async () => {
    const text = 'services:\n  web:\n    image: a\n    ports:\n      - "${PORT}:80"\n';
    assert.deepEqual(errors(await diagnose(text, { '.env': 'PORT=8080\n' })), []);
    assert.deepEqual(errors(await diagnose(text, { '.env': 'PORT=99999\n' })).map((d) => d.code), ['compose-port']);
  });

  test('an unknown variable is never a warning or an error', async () => {
    const text = 'services:\n  web:\n    image: ${IMAGE}\n    ports:\n      - "${PORT}:80"\n    networks: ["${NET}"]\n';
    assert.deepEqual(await diagnose(text), []);
  });

  test('${VAR:?message} unset is only information, on the variable', async () => {
    const text = 'services:\n  web:\n    image: "nginx:${TAG:?set a tag}"\n';
    const diagnostics = await diagnose(text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range]), [['compose-required-variable', DiagnosticSeverity.Information, rangeOf(text, '${TAG:?set a tag}')]]);
    assert.deepEqual(await diagnose(text, { '.env': 'TAG=1.27\n' }), []);
    const fromEnvironment = 'services:\n  web:\n    image: "nginx:${FROM_ENVIRONMENT:?needed}"\n';
    assert.deepEqual(await diagnose(fromEnvironment), []);
  });
});

describe('dockside.compose.envFiles (--env-file)', () => {
  test('the files named in the setting replace the .env file', async () => {
    const withSetting = await startComposeServer({}, { 'dockside.compose': { envFiles: ['ci.env'] } });
    try {
      const dir = folders.create({ '.env': 'PORT=8080\n', 'ci.env': 'PORT=99999\n' });
      const text = 'services:\n  web:\n    image: a\n    ports:\n      - "${PORT}:80"\n';
      const uri = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
      assert.deepEqual(errors(await withSetting.open(uri, text)).map((d) => [d.code, d.message]), [['compose-port', 'Invalid port "99999:80": host port 99999 is out of range (0–65535).']]);
    } finally {
      await withSetting.dispose();
    }
  });
});

describe('a file judged as part of its project', () => {
  test('an override sees what its base declares', async () => {
    const base = 'services:\n  db:\n    image: postgres\nnetworks:\n  back: {}\n';
    const override = 'services:\n  web:\n    depends_on: [db]\n    networks: [back]\n  db:\n    environment:\n      A: "1"\n';
    assert.deepEqual(errors(await diagnose(override, { 'compose.yaml': base }, 'compose.override.yaml')), [
      { code: 'compose-no-image', range: rangeOf(override, 'web'), message: 'The service "web" has neither "image" nor "build": Compose cannot create its container.' },
    ]);
    assert.deepEqual(errors(await diagnose(override, { 'docker-compose.yml': base }, 'docker-compose.dev.yml')).map((d) => d.code), ['compose-no-image']);
  });

  test('a fragment whose base cannot be found gets no reference errors', async () => {
    const override = 'services:\n  web:\n    depends_on: [db]\n    networks: [back]\n    volumes: ["data:/d"]\n';
    assert.deepEqual(errors(await diagnose(override, {}, 'compose.prod.yaml')), []);
  });

  test('a base sees its default override, COMPOSE_FILE lists the project, include brings services', async () => {
    const base = 'services:\n  web:\n    image: a\n    depends_on: [db]\n';
    assert.deepEqual(errors(await diagnose(base, { 'compose.override.yaml': 'services:\n  db:\n    image: b\n' })), []);
    assert.deepEqual(errors(await diagnose(base, { '.env': 'COMPOSE_FILE=compose.yaml:extra.yaml\n', 'extra.yaml': 'services:\n  db:\n    image: b\n' })), []);
    const including = 'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: a\n    depends_on: [db]\n';
    assert.deepEqual(errors(await diagnose(including, { 'db/compose.yaml': 'services:\n  db:\n    image: b\n' })), []);
    assert.deepEqual(errors(await diagnose(base)).map((d) => d.code), ['compose-undefined-service']);
  });

  test('extends.file gives the image; an unreadable extends.file silences the image check', async () => {
    const text = 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n';
    assert.deepEqual(errors(await diagnose(text, { 'common.yaml': 'services:\n  base:\n    image: a\n' })), []);
    assert.deepEqual(errors(await diagnose(text)), []);
  });
});
