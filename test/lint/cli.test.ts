import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const root = path.resolve(import.meta.dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-lint-cli-'));
after(() => fs.rmSync(folder, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, text);
  return file;
}

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: folder, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const clean = write('Clean.Dockerfile', 'FROM alpine:3.20\nCOPY app /app\nUSER app\nCMD ["/app"]\n');
const broken = write('Broken.Dockerfile', 'FROM alpine:3.20\nFOO bar\nCOPY app\n# hadolint ignore=DS100\nHEALTHCHECK --interval=often CMD true\nCOPY a b .\nENV TOOLS=C:\\\\tools\\\\\nRUN dir\nEXPOSE 8080/tcp\n');
const warned = write('Warned.Dockerfile', 'FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.0 \\\n && rm -rf /var/lib/apt/lists/* && echo $1\n');

interface SarifLog {
  runs: { tool: { driver: { rules: { id: string; help: { markdown: string }; helpUri?: string }[] } }; results: { ruleId: string; ruleIndex?: number }[] }[];
}

/** A validator of the SARIF 2.1.0 schema. */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
  // The schema's language pattern is written for non-unicode regular expressions.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('dockside-lint', { skip: fs.existsSync(cli) ? false : 'dist/cli.js not built (npm run build)' }, () => {
  test('exit status follows the failure threshold', () => {
    assert.equal(run([clean]).status, 0);
    const text = run(['--no-shellcheck', warned]);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /Warned\.Dockerfile:1:6 warning DS201 /);
    assert.equal(run(['--no-shellcheck', '--failure-threshold', 'error', warned]).status, 0);
    assert.equal(run(['--no-shellcheck', '--failure-threshold=warning', warned]).status, 1);
  });

  test('what the builder cannot read is an error (DS100) no setting, configuration or comment turns off', () => {
    const config = write('quiet.yaml', 'ignored: [DS100, syntax]\nfailure-threshold: error\n');
    const result = run(['--no-shellcheck', '--config', config, broken]);
    assert.equal(result.status, 1);
    assert.deepEqual(
      result.stdout.split('\n').filter((line) => / DS100 /.test(line)),
      [
        `${broken}:2:1 error DS100 Unknown instruction: FOO`,
        `${broken}:3:6 error DS100 COPY requires at least two arguments`,
        `${broken}:5:24 error DS100 time: invalid duration often`,
      ],
      'BuildKit accepts the multi-source COPY to `.`, the Windows path ending in an escaped backslash and the port',
    );
    // A file the builder reads gets none.
    assert.doesNotMatch(run(['--no-shellcheck', clean, warned]).stdout, /DS100/);
  });

  test('usage errors exit 2 with a message', () => {
    for (const args of [[], ['--format', 'xml', clean], ['--failure-threshold', 'loud', clean], ['--nope', clean], ['--config', path.join(folder, 'missing.yaml'), clean]]) {
      const result = run(args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /dockside-lint: /);
    }
    assert.equal(run([path.join(folder, 'absent')]).status, 2);
  });

  test('standard input and a .hadolint.yaml configuration', () => {
    const config = write('hadolint.yaml', 'ignored: [DL3006]\nfailure-threshold: error\n');
    const result = run(['--no-shellcheck', '--format', 'json', '--config', config, '-'], 'FROM debian\nFROM alpine:latest\n');
    assert.equal(result.status, 0);
    const findings = JSON.parse(result.stdout) as { file: string; code: string; line: number }[];
    assert.deepEqual(findings.map((finding) => [finding.file, finding.code, finding.line]), [['-', 'DS202', 2]]);
  });

  test("JSON findings link to their rule's heading in the rules document shipped beside the CLI", () => {
    const findings = JSON.parse(run(['--no-shellcheck', '--format', 'json', warned]).stdout) as { code: string; href?: string }[];
    const untagged = findings.find((finding) => finding.code === 'DS201');
    const [file, line] = (untagged?.href ?? '').split('#L');
    assert.equal(file, pathToFileURL(path.join(root, 'docs', 'rules.md')).href);
    assert.equal(fs.readFileSync(path.join(root, 'docs', 'rules.md'), 'utf8').split('\n')[Number(line) - 1], '### DS201');
  });

  test('ShellCheck findings keep their SC codes and land on the Dockerfile text', { skip: spawnSync('shellcheck', ['--version']).status === 0 ? false : 'shellcheck not installed' }, () => {
    const result = run(['--format', 'json', warned]);
    const findings = JSON.parse(result.stdout) as { code: string; line: number; column: number; source: string }[];
    const sc2086 = findings.find((finding) => finding.code === 'SC2086');
    assert.ok(sc2086, result.stdout);
    assert.equal(sc2086.source, 'shellcheck');
    assert.deepEqual([sc2086.line, sc2086.column], [3, 41]);
  });

  test("SARIF results from ShellCheck point to a rule entry that links ShellCheck's page on the code", { skip: spawnSync('shellcheck', ['--version']).status === 0 ? false : 'shellcheck not installed' }, () => {
    const log = JSON.parse(run(['--format', 'sarif', warned]).stdout) as SarifLog;
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const [{ tool, results }] = log.runs;
    const sc2086 = results.find((item) => item.ruleId === 'SC2086');
    assert.ok(sc2086?.ruleIndex !== undefined, JSON.stringify(results));
    assert.equal(tool.driver.rules[sc2086.ruleIndex].id, 'SC2086');
    assert.equal(tool.driver.rules[sc2086.ruleIndex].helpUri, 'https://www.shellcheck.net/wiki/SC2086');
  });

  test("each Dockerfile gets its nearest .hadolint.yaml, up to the current folder, as in the editor", () => {
    const project = fs.mkdtempSync(path.join(folder, 'project-'));
    const service = path.join(project, 'service');
    fs.mkdirSync(path.join(service, 'api'), { recursive: true });
    fs.writeFileSync(path.join(project, '.hadolint.yaml'), 'failure-threshold: error\n');
    fs.writeFileSync(path.join(service, '.hadolint.yml'), 'ignored: [DL3006, SC2086]\n');
    const text = 'FROM debian\nRUN echo $1 && apk add --no-cache curl\n';
    const top = path.join(project, 'Dockerfile');
    const nested = path.join(service, 'api', 'Dockerfile');
    fs.writeFileSync(top, text);
    fs.writeFileSync(nested, text);
    const result = spawnSync(process.execPath, [cli, '--format', 'json', 'Dockerfile', path.join('service', 'api', 'Dockerfile')], { cwd: project, encoding: 'utf8' });
    const findings = JSON.parse(result.stdout) as { file: string; code: string }[];
    const codes = (file: string) => findings.filter((finding) => finding.file === file).map((finding) => finding.code);
    // The top file's configuration ignores nothing; the nested one's ignores DL3006 (DS201) and SC2086.
    assert.ok(codes('Dockerfile').includes('DS201'));
    assert.ok(!codes(path.join('service', 'api', 'Dockerfile')).includes('DS201'));
    if (spawnSync('shellcheck', ['--version']).status === 0) {
      assert.ok(codes('Dockerfile').includes('SC2086'));
      assert.ok(!codes(path.join('service', 'api', 'Dockerfile')).includes('SC2086'));
    }
    // Each file against its own threshold: the top file's warnings stay under `error`; the nested file has no
    // threshold of its own (info), and its info finding fails the run.
    assert.ok(codes(path.join('service', 'api', 'Dockerfile')).length > 0);
    assert.equal(result.status, 1);
    const topOnly = spawnSync(process.execPath, [cli, 'Dockerfile'], { cwd: project, encoding: 'utf8' });
    assert.equal(topOnly.status, 0, topOnly.stdout);
    // A configuration that is not YAML is reported, and the file is linted without it.
    fs.writeFileSync(path.join(service, '.hadolint.yml'), 'ignored: [DL3006\n');
    const broken = spawnSync(process.execPath, [cli, '--no-shellcheck', path.join('service', 'api', 'Dockerfile')], { cwd: project, encoding: 'utf8' });
    assert.match(broken.stderr, /service[/\\]\.hadolint\.yml: not valid YAML/);
    assert.match(broken.stdout, / DS201 /);
  });

  test('the .dockerignore beside the Dockerfile is read', () => {
    const context = fs.mkdtempSync(path.join(folder, 'context-'));
    fs.writeFileSync(path.join(context, '.dockerignore'), 'secrets\n');
    const dockerfile = path.join(context, 'Dockerfile');
    fs.writeFileSync(dockerfile, 'FROM alpine:3.20\nCOPY secrets/key /key\nCOPY app /app\n');
    const result = run(['--no-shellcheck', dockerfile]);
    assert.match(result.stdout, /Dockerfile:2:6 warning DS119 Attempting to COPY file "secrets\/key" that is excluded by \.dockerignore/);
    assert.doesNotMatch(result.stdout, /:3:\d+ warning DS119/);
  });

  test('SARIF output validates against the SARIF 2.1.0 schema', () => {
    const result = run(['--no-shellcheck', '--format', 'sarif', warned, clean, broken]);
    assert.equal(result.status, 1);
    const log = JSON.parse(result.stdout) as SarifLog;
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.ok(log.runs[0].results.some((item) => item.ruleId === 'DS201'));
    const rules = log.runs[0].tool.driver.rules;
    const syntax = log.runs[0].results.filter((item) => item.ruleId === 'DS100');
    assert.equal(syntax.length, 3);
    assert.ok(syntax.every((item) => rules[item.ruleIndex!]?.id === 'DS100'));
    const untagged = log.runs[0].tool.driver.rules.find((rule) => rule.id === 'DS201');
    assert.match(untagged?.help.markdown ?? '', /^\*\*DS201 untagged-image\*\*: .+\n\n.+hadolint `DL3006`/s, "the rule's documentation travels with the log");
    assert.doesNotMatch(result.stdout, /example\.invalid|"(helpUri|informationUri)"/, 'no link that would not open');
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'the validator rejects an invalid log');
  });
});
