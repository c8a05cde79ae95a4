/**
 * "Add Docker Files": each fixture project's files are generated and must be clean: no diagnostic at all when they
 * open in Dockside's own language server (the Dockerfile rules and syntax checks; the Compose schema and rules),
 * and no finding of `dockside-lint` (the same rules, plus ShellCheck on the RUN scripts).
 * The generated text is compared with golden files kept for review (`DOCKSIDE_UPDATE_GOLDEN=1` rewrites them).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { detectPlatforms, generateFiles, serviceName } from '../../src/scaffold/generate';
import { folderFiles, memoryFiles } from '../../src/scaffold/projectFiles';
import { startComposeServer, type ComposeClient } from '../server/composeHarness';

const here = import.meta.dirname;
const fixtures = path.join(here, 'fixtures');
const golden = path.join(here, 'golden');
const update = process.env.DOCKSIDE_UPDATE_GOLDEN === '1';

/** Each fixture: the platform it must be detected as, what must be found, and the answers to what was not. */
const cases: Record<string, { platform: string; found: { port?: number; entry?: string }; ask?: { port?: number; entry?: string }; description: RegExp }> = {
  'node-npm': { platform: 'node', found: { port: 3000, entry: 'server.js' }, description: /npm, express/ },
  'node-pnpm': { platform: 'node', found: { port: 8080, entry: 'dist/main.js' }, description: /pnpm, fastify/ },
  'node-yarn': { platform: 'node', found: {}, ask: { entry: 'worker.js' }, description: /yarn/ },
  'python-flask': { platform: 'python', found: { port: 5000, entry: 'app' }, description: /pip, flask/ },
  'python-django-poetry': { platform: 'python', found: { port: 8000, entry: 'site_app.wsgi' }, description: /poetry, django/ },
  'python-fastapi-uv': { platform: 'python', found: { port: 8000, entry: 'app.main' }, description: /uv, fastapi/ },
  'python-script': { platform: 'python', found: { entry: 'main.py' }, ask: { port: 9000 }, description: /pip/ },
  go: { platform: 'go', found: { port: 8080, entry: './cmd/api' }, description: /example\.com\/api/ },
  'java-maven': { platform: 'java', found: { port: 8080 }, description: /Maven, Spring Boot/ },
  'java-gradle': { platform: 'java', found: {}, description: /Gradle/ },
  dotnet: { platform: 'dotnet', found: { port: 8080, entry: 'Api' }, description: /ASP\.NET Core/ },
  rust: { platform: 'rust', found: { port: 7878, entry: 'tiny-server' }, description: /tiny-server/ },
  'ruby-rails': { platform: 'ruby', found: { port: 3000 }, description: /Rails/ },
  'ruby-rack': { platform: 'ruby', found: { port: 9292 }, description: /Rack/ },
  'php-composer': { platform: 'php', found: { port: 8080, entry: 'public' }, description: /Composer/ },
  'php-laravel': { platform: 'php', found: { port: 8000 }, description: /Laravel/ },
};

let client: ComposeClient;
const output = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-scaffold-'));
before(async () => {
  client = await startComposeServer({});
});

/** `dockside-lint --format json` over Dockerfiles: its findings as "file:line: [code] message". */
function lintCli(files: string[]): string[] {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, '..', '..', 'server', 'dockerfile', 'cli.ts'), '--format', 'json', ...files], { encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return (JSON.parse(result.stdout) as { file: string; line: number; code: string; message: string }[]).map((f) => `${path.relative(output, f.file)}:${f.line}: [${f.code}] ${f.message}`);
}
after(async () => {
  await client.dispose();
  fs.rmSync(output, { recursive: true, force: true });
});

/** The diagnostics the editor would show for a file written on disk, as "line: [code] message". */
async function problems(file: string, languageId: string): Promise<string[]> {
  const uri = pathToFileURL(file).toString();
  const diagnostics = await client.open(uri, fs.readFileSync(file, 'utf8'), languageId);
  await client.close(uri);
  return diagnostics.map((d) => `${d.range.start.line + 1}: [${String(d.code)}] ${d.message}`);
}

test('every platform has a fixture', async () => {
  const { platforms } = await import('../../src/scaffold/platforms');
  assert.deepEqual(new Set(Object.values(cases).map((c) => c.platform)), new Set(platforms.map((p) => p.id)));
});

test('a folder of two platforms offers both, the manifest-named first; a folder of none offers none', () => {
  const both = detectPlatforms(memoryFiles({ 'package.json': '{"scripts":{"start":"node web.js"}}', 'go.mod': 'module example.com/x\n', 'main.go': 'package main\n' }));
  assert.deepEqual(both.map((d) => d.platform.id), ['node', 'go']);
  assert.deepEqual(detectPlatforms(memoryFiles({ 'README.md': '# nothing to build' })), []);
  // A package.json that is not JSON is still a Node project: nothing found, everything asked.
  const broken = detectPlatforms(memoryFiles({ 'package.json': '{ not json' }))[0];
  assert.deepEqual([broken.platform.id, broken.facts.port, broken.facts.entry, broken.facts.entryQuestion?.placeholder], ['node', undefined, undefined, 'index.js']);
});

test('the check sees what the editor would underline', async () => {
  const folder = path.join(output, 'unclean');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'Dockerfile'), 'FROM node\nRUN cd /app; npm install express\nUSER root\n');
  fs.writeFileSync(path.join(folder, 'compose.yaml'), 'services:\n  web:\n    image: node:22\n    ports: 3000\n');
  assert.ok((await problems(path.join(folder, 'Dockerfile'), 'dockerfile')).length >= 2);
  assert.ok((await problems(path.join(folder, 'compose.yaml'), 'dockercompose')).length >= 1);
  assert.ok(lintCli([path.join(folder, 'Dockerfile')]).some((finding) => finding.includes('[SC2164]')));
});

const generatedDockerfiles: string[] = [];

describe('generated Docker files are clean', () => {
  after(() => {
    // One run over all of them (ShellCheck included): each file's findings are named with its fixture.
    assert.ok(generatedDockerfiles.length > 0);
    assert.deepEqual(lintCli(generatedDockerfiles), []);
  });

  for (const [name, expected] of Object.entries(cases)) {
    test(name, async () => {
      const detected = detectPlatforms(folderFiles(path.join(fixtures, name)));
      assert.equal(detected[0]?.platform.id, expected.platform, `detected ${detected.map((d) => d.platform.id).join(', ') || 'nothing'}`);
      const { platform, facts } = detected[0];
      assert.match(facts.description, expected.description);
      assert.deepEqual({ port: facts.port, entry: facts.entry }, { port: expected.found.port, entry: expected.found.entry });
      const files = generateFiles(platform, { facts, name: serviceName(name), port: facts.port ?? expected.ask?.port, entry: facts.entry ?? expected.ask?.entry }, true);
      // The project's own files beside the generated ones, as the language server sees them in the workspace.
      const folder = path.join(output, name);
      fs.cpSync(path.join(fixtures, name), folder, { recursive: true });
      for (const file of files) {
        fs.writeFileSync(path.join(folder, file.path), file.text);
      }
      generatedDockerfiles.push(path.join(folder, 'Dockerfile'));
      assert.deepEqual(await problems(path.join(folder, 'Dockerfile'), 'dockerfile'), [], files[0].text);
      assert.deepEqual(await problems(path.join(folder, 'compose.yaml'), 'dockercompose'), [], files[2].text);
      const port = facts.port ?? expected.ask?.port;
      const dockerfile = files[0].text;
      // What the Dockerfile promises: a pinned base, a non-root user, a probe where the port is known.
      assert.ok(dockerfile.split('\n').filter((line) => line.startsWith('FROM ')).every((line) => /^FROM \S+:\S*\d\S*( AS \w+)?$/.test(line)), dockerfile);
      assert.match(dockerfile, /^USER (?!root)\w+$/m);
      assert.equal(/^HEALTHCHECK /m.test(dockerfile), port !== undefined);
      if (port !== undefined) assert.match(dockerfile, new RegExp(`^EXPOSE ${port}$`, 'm'));
      for (const file of files) {
        const goldenFile = path.join(golden, name, file.path);
        if (update) {
          fs.mkdirSync(path.dirname(goldenFile), { recursive: true });
          fs.writeFileSync(goldenFile, file.text);
        }
        assert.equal(file.text, fs.readFileSync(goldenFile, 'utf8'), `${name}/${file.path} differs from its golden file`);
      }
    });
  }
});
