import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { ComposeCli, ComposeNotFoundError, findComposeCli, parseComposeVersion, Probe } from '../../src/compose/cli';
import { composeEnvironment } from '../../src/compose/environment';
import { downConfirmation } from '../../src/compose/downSummary';
import { failureLocations, lastLines } from '../../src/compose/failureLocation';
import { composeFileList, declaredName, fileInvocation, FileReader } from '../../src/compose/fileInvocation';
import { composeCommandLine, displayCommandLine } from '../../src/compose/invocation';
import { projectInvocation } from '../../src/compose/projectInvocation';
import { normalizeProjectName, projectName } from '../../src/compose/projectName';

const v2: ComposeCli = { command: 'docker', prefix: ['compose'], flavour: 'v2', version: '2.27.0' };
const v1: ComposeCli = { command: 'docker-compose', prefix: [], flavour: 'v1', version: '1.29.2' };

function probeAnswering(answers: Record<string, { exitCode: number; stdout: string } | 'missing'>): Probe & { calls: string[] } {
  const calls: string[] = [];
  const probe = async (command: string, args: readonly string[]) => {
    const key = [command, ...args].join(' ');
    calls.push(key);
    const answer = answers[key];
    if (answer === undefined || answer === 'missing') {
      throw Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT' });
    }
    return answer;
  };
  return Object.assign(probe, { calls });
}

test('the Compose plugin is preferred when `docker compose version` works', async () => {
  const probe = probeAnswering({
    'docker compose version': { exitCode: 0, stdout: 'Docker Compose version v2.27.0\n' },
    'docker-compose version': { exitCode: 0, stdout: 'docker-compose version 1.29.2, build unknown\n' },
  });
  assert.deepEqual(await findComposeCli(probe), v2);
  assert.deepEqual(probe.calls, ['docker compose version']);
});

test('docker-compose is used when the Docker CLI has no compose command', async () => {
  const probe = probeAnswering({
    'docker compose version': { exitCode: 1, stdout: '' },
    'docker-compose version': { exitCode: 0, stdout: 'docker-compose version 1.29.2, build unknown\ndocker-py version: 5.0.3\n' },
  });
  assert.deepEqual(await findComposeCli(probe), v1);
});

test('a standalone v2 binary named docker-compose is v2', async () => {
  const probe = probeAnswering({ 'docker-compose version': { exitCode: 0, stdout: 'Docker Compose version 2.20.3\n' } });
  const cli = await findComposeCli(probe);
  assert.equal(cli.flavour, 'v2');
  assert.equal(cli.command, 'docker-compose');
  assert.deepEqual(cli.prefix, []);
});

test('without any Compose the error says how to install it', async () => {
  await assert.rejects(findComposeCli(probeAnswering({})), (error: Error) => {
    assert.ok(error instanceof ComposeNotFoundError);
    assert.match(error.message, /neither `docker compose` nor `docker-compose`/);
    assert.match(error.message, /docs\.docker\.com\/compose\/install/);
    return true;
  });
});

test('versions are read from both CLIs', () => {
  assert.equal(parseComposeVersion('Docker Compose version v2.27.0-desktop.1'), '2.27.0-desktop.1');
  assert.equal(parseComposeVersion('docker-compose version 1.29.2, build unknown'), '1.29.2');
  assert.equal(parseComposeVersion('nothing here'), undefined);
});

test('the command line puts global options before the subcommand, as an argument array', () => {
  const invocation = {
    files: ['/src/app/compose.yaml', '/src/app/compose.override.yaml'],
    projectName: 'shop',
    projectDirectory: '/src/app',
    envFiles: ['/src/app/.env', '/src/app/.env.local'],
    profiles: ['debug', 'tools'],
    cwd: '/src/app',
  };
  assert.deepEqual(composeCommandLine(v2, invocation, ['up', '-d', '--build']), {
    command: 'docker',
    args: [
      'compose',
      '-f', '/src/app/compose.yaml', '-f', '/src/app/compose.override.yaml',
      '-p', 'shop',
      '--project-directory', '/src/app',
      '--env-file', '/src/app/.env', '--env-file', '/src/app/.env.local',
      '--profile', 'debug', '--profile', 'tools',
      'up', '-d', '--build',
    ],
    cwd: '/src/app',
  });
  // v1 reads one --env-file only.
  assert.deepEqual(composeCommandLine(v1, invocation, ['down']).args, [
    '-f', '/src/app/compose.yaml', '-f', '/src/app/compose.override.yaml',
    '-p', 'shop',
    '--project-directory', '/src/app',
    '--env-file', '/src/app/.env',
    '--profile', 'debug', '--profile', 'tools',
    'down',
  ]);
});

test('a file name with spaces or quotes stays one argument and is shown quoted', () => {
  const line = composeCommandLine(v1, { files: ["/src/my app/it's.yaml"], cwd: '/src/my app' }, ['up', '-d']);
  assert.deepEqual(line.args, ['-f', "/src/my app/it's.yaml", 'up', '-d']);
  assert.equal(displayCommandLine(line), `docker-compose -f '/src/my app/it'\\''s.yaml' up -d`);
});

test('project names are normalised as each Compose does', () => {
  assert.equal(normalizeProjectName('My App.v2'), 'myappv2');
  assert.equal(normalizeProjectName('__Shop-Front'), 'shop-front');
  assert.equal(normalizeProjectName('__Shop-Front', 'v1'), '__shop-front');
  assert.equal(projectName({ projectDirectory: '/src/My Shop' }), 'myshop');
  assert.equal(projectName({ projectDirectory: '/src/x', composeProjectName: 'Other' }), 'other');
  assert.equal(projectName({ projectDirectory: '/src/x', declaredName: 'named' }), 'named');
  assert.equal(projectName({ projectDirectory: '/src/x', declaredName: 'named', flavour: 'v1' }), 'x');
  assert.equal(projectName({ projectDirectory: '/src/x', composeProjectName: 'env', declaredName: 'named' }), 'env');
});

function reader(files: Record<string, string>): FileReader {
  return { read: (file) => files[file] };
}

test('a base file runs with its override beside it', () => {
  const files = reader({ '/p/shop/compose.yaml': 'services: {}\n', '/p/shop/compose.override.yaml': 'services: {}\n' });
  const result = fileInvocation({ file: '/p/shop/compose.yaml', environment: {} }, files);
  assert.deepEqual(result.invocation.files, ['/p/shop/compose.yaml', '/p/shop/compose.override.yaml']);
  assert.equal(result.invocation.cwd, '/p/shop');
  assert.equal(result.projectName, 'shop');
  assert.equal(result.invocation.projectName, undefined, 'Compose derives the name itself');
});

test('an override runs with its base; another file runs alone', () => {
  const files = reader({
    '/p/a/docker-compose.yml': '',
    '/p/a/docker-compose.override.yml': '',
    '/p/a/docker-compose.prod.yml': '',
  });
  assert.deepEqual(fileInvocation({ file: '/p/a/docker-compose.override.yml', environment: {} }, files).invocation.files, [
    '/p/a/docker-compose.yml',
    '/p/a/docker-compose.override.yml',
  ]);
  assert.deepEqual(fileInvocation({ file: '/p/a/docker-compose.prod.yml', environment: {} }, files).invocation.files, ['/p/a/docker-compose.prod.yml']);
});

test('COMPOSE_FILE from the .env names the files when it lists the file; COMPOSE_PROJECT_NAME names the project', () => {
  const files = reader({
    '/p/b/.env': 'COMPOSE_FILE=compose.yaml:compose.dev.yaml:../shared/extra.yaml\nCOMPOSE_PROJECT_NAME=Dev_Stack\n',
    '/p/b/compose.yaml': '',
    '/p/b/compose.dev.yaml': '',
  });
  const result = fileInvocation({ file: '/p/b/compose.dev.yaml', environment: {}, platform: 'linux' }, files);
  assert.deepEqual(result.invocation.files, ['/p/b/compose.yaml', '/p/b/compose.dev.yaml', '/p/shared/extra.yaml']);
  assert.equal(result.projectName, 'dev_stack');
});

test('COMPOSE_PATH_SEPARATOR and the environment win over the .env', () => {
  const files = reader({ '/p/c/.env': 'COMPOSE_FILE=a.yaml\nCOMPOSE_PROJECT_NAME=fromfile\n', '/p/c/a.yaml': '', '/p/c/b.yaml': '' });
  const result = fileInvocation(
    { file: '/p/c/b.yaml', environment: { COMPOSE_FILE: 'a.yaml;b.yaml', COMPOSE_PATH_SEPARATOR: ';', COMPOSE_PROJECT_NAME: 'fromenv' } },
    files,
  );
  assert.deepEqual(result.invocation.files, ['/p/c/a.yaml', '/p/c/b.yaml']);
  assert.equal(result.projectName, 'fromenv');
  assert.deepEqual(composeFileList('a.yaml;b.yaml', '/w', undefined, 'win32'), [path.resolve('/w', 'a.yaml'), path.resolve('/w', 'b.yaml')]);
});

test('a COMPOSE_FILE that does not list the file is not used for it', () => {
  const files = reader({ '/p/d/.env': 'COMPOSE_FILE=other.yaml\n', '/p/d/compose.yaml': '' });
  assert.deepEqual(fileInvocation({ file: '/p/d/compose.yaml', environment: {} }, files).invocation.files, ['/p/d/compose.yaml']);
});

test('configured env files replace the .env and are passed as --env-file', () => {
  const files = reader({ '/p/e/.env': 'COMPOSE_PROJECT_NAME=dot\n', '/p/e/ci.env': 'COMPOSE_PROJECT_NAME=ci\n', '/p/e/compose.yaml': '' });
  const result = fileInvocation({ file: '/p/e/compose.yaml', environment: {}, envFiles: ['ci.env'], profiles: ['web'] }, files);
  assert.equal(result.projectName, 'ci');
  assert.deepEqual(result.invocation.envFiles, ['/p/e/ci.env']);
  assert.deepEqual(result.invocation.profiles, ['web']);
});

test('a top-level name names the project (v2)', () => {
  assert.equal(declaredName('# x\nname: "my-stack"\nservices: {}\n'), 'my-stack');
  assert.equal(declaredName('name: plain # comment\n'), 'plain');
  assert.equal(declaredName('name: ${PROJECT}\n'), undefined);
  assert.equal(declaredName('services:\n  web:\n    name: nested\n'), undefined);
  const files = reader({ '/p/f/compose.yaml': 'name: shopfront\nservices: {}\n' });
  assert.equal(fileInvocation({ file: '/p/f/compose.yaml', environment: {} }, files).projectName, 'shopfront');
  assert.equal(fileInvocation({ file: '/p/f/compose.yaml', environment: {}, flavour: 'v1' }, files).projectName, 'f');
});

test('a project from the engine runs with its labels: name, working folder, files relative to it', () => {
  const labels = {
    'com.docker.compose.project': 'shop',
    'com.docker.compose.project.working_dir': '/src/shop',
    'com.docker.compose.project.config_files': 'compose.yaml,/src/shop/compose.override.yaml',
    'com.docker.compose.project.environment_file': '/src/shop/.env',
  };
  const all = () => true;
  assert.deepEqual(projectInvocation('shop', labels, all, '/home/u'), {
    invocation: {
      files: ['/src/shop/compose.yaml', '/src/shop/compose.override.yaml'],
      projectName: 'shop',
      projectDirectory: '/src/shop',
      envFiles: ['/src/shop/.env'],
      cwd: '/src/shop',
    },
    missingFiles: [],
  });
  // Files gone: only the project name is passed (Compose v2 acts on a project by name).
  const gone = projectInvocation('shop', labels, (file) => file === '/src/shop', '/home/u');
  assert.deepEqual(gone.invocation, { files: [], projectName: 'shop', projectDirectory: undefined, envFiles: undefined, cwd: '/src/shop' });
  assert.deepEqual(gone.missingFiles, ['/src/shop/compose.yaml', '/src/shop/compose.override.yaml']);
});

test('the CLI runs against the engine Dockside is connected to', () => {
  const env = composeEnvironment({ PATH: '/bin', DOCKER_CONTEXT: 'remote' }, { host: 'tcp://127.0.0.1:2376', source: 'setting', contextName: 'default', tls: { certDir: '/certs', verify: true } });
  assert.deepEqual(env, { PATH: '/bin', DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_CERT_PATH: '/certs', DOCKER_TLS_VERIFY: '1' });
  assert.deepEqual(composeEnvironment({ PATH: '/bin' }, undefined), { PATH: '/bin' });
});

test('a YAML error of Compose v1 points at the line and column it names', () => {
  const output = [
    'yaml.parser.ParserError: while parsing a block mapping',
    '  in "./compose.yaml", line 2, column 3',
    "expected <block end>, but found '<block mapping start>'",
    '  in "./compose.yaml", line 4, column 4',
  ].join('\n');
  assert.deepEqual(failureLocations(output, '/p/app'), [
    { file: '/p/app/compose.yaml', line: 3, column: 3, message: "expected <block end>, but found '<block mapping start>'" },
  ]);
});

test('Compose v2 file-line errors are located; a bare yaml error goes to the first file; others name no line', () => {
  assert.deepEqual(failureLocations('\x1b[31mcompose.yaml: yaml: line 7: did not find expected key\x1b[0m\n', '/p/app'), [
    { file: '/p/app/compose.yaml', line: 6, column: 0, message: 'did not find expected key' },
  ]);
  assert.deepEqual(failureLocations('yaml: line 3: mapping values are not allowed in this context', '/p/app', '/p/app/compose.yaml'), [
    { file: '/p/app/compose.yaml', line: 2, column: 0, message: 'mapping values are not allowed in this context' },
  ]);
  assert.deepEqual(failureLocations("The Compose file './compose.yaml' is invalid because:\nUnsupported config option for services.web: 'enviroment'", '/p/app'), []);
});

test('the down confirmation names the containers, networks and, when chosen, volumes that go', () => {
  const contents = { project: 'shop', containers: ['shop_web_1', 'shop_db_1'], networks: ['shop_default'], volumes: ['shop_data'] };
  assert.deepEqual(downConfirmation(contents, { removeVolumes: false, removeOrphans: false }), {
    message: 'Take down Compose project "shop"?',
    detail: 'This stops and removes its 2 containers (shop_web_1, shop_db_1) and its network (shop_default). Its volumes are kept.',
  });
  assert.equal(
    downConfirmation(contents, { removeVolumes: true, removeOrphans: true }).detail,
    'This stops and removes its 2 containers (shop_web_1, shop_db_1), its network (shop_default) and its volume (shop_data). ' +
      'Containers of services no longer in the Compose files are removed too.',
  );
  assert.equal(
    downConfirmation({ project: 'p', containers: [], networks: [], volumes: [] }, { removeVolumes: true, removeOrphans: false }).detail,
    'This stops and removes its containers, its networks and its named volumes.',
  );
});

test('a failure notification ends with the last lines of the CLI, colours removed', () => {
  assert.equal(lastLines('Creating network...\n\x1b[31mERROR: pull access denied for x\x1b[0m\n\n'), 'Creating network... ERROR: pull access denied for x');
});
