// `npm test`: static checks, the release package, a real Docker Engine, then every suite in one node:test run.
// Stages run in order and stop at the first failure, saying which stage failed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const suites = ['test/unit', 'test/grammar', 'test/lint', 'test/scaffold', 'test/server', 'test/package', 'test/engine', 'test/e2e'];

function stage(title, command, args, options = {}) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (${seconds} s)`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds} s)`);
}

function testFiles(dir) {
  const absolute = path.join(root, dir);
  if (!fs.existsSync(absolute)) {
    return [];
  }
  return fs
    .readdirSync(absolute, { recursive: true })
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => path.join(dir, name))
    .sort();
}

const only = process.argv.slice(2);
const selected = only.length > 0 ? only : suites;
const files = selected.flatMap((entry) => (entry.endsWith('.ts') ? [entry] : testFiles(entry)));

if (only.length === 0) {
  stage('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
  // The stats webview runs in the browser: it has its own DOM-typed project.
  stage('typecheck (stats webview)', 'npx', ['tsc', '--noEmit', '-p', 'src/stats/webview']);
  stage('lint', 'npx', ['eslint', '.']);
}
stage('build and package', 'npm', ['run', '--silent', 'package']);
if (files.some((file) => file.startsWith('test/engine') || file.startsWith('test/e2e'))) {
  stage('Docker Engine for the tests', 'npx', ['tsx', 'test/support/ensure-engine.ts']);
}
stage(`tests (${files.length} files)`, process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
