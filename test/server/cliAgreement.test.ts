/**
 * `dockside-lint` and the language server report the same findings (codes, ranges, severities) for the same
 * file: over a sample of the corpus, for a file the builder cannot read (the server's validator diagnostics are
 * the CLI's DS100), and for a project with a `.hadolint.yaml` and a `.dockerignore`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { startServer, TestClient } from './harness';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'dockerfiles');
const corpusFiles = fs.existsSync(corpus) ? fs.readdirSync(corpus).filter((name) => !/\.(md|tsv)$/.test(name)).sort() : [];
const SAMPLE = 50;
const sample = corpusFiles.filter((_, index) => index % Math.max(1, Math.floor(corpusFiles.length / SAMPLE)) === 0).slice(0, SAMPLE);
const cliSkip = fs.existsSync(cli) ? false : 'dist/cli.js is not built (npm run build)';
const corpusSkip = cliSkip || (corpusFiles.length === 0 ? `the Dockerfile corpus is absent (${path.relative(process.cwd(), corpus)})` : false);
const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

interface CliFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  severity: 'error' | 'warning' | 'info' | 'style';
  source: string;
}

const SEVERITY: Record<CliFinding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  style: DiagnosticSeverity.Hint,
};

const key = (code: string, severity: number, line: number, column: number, endLine: number, endColumn: number) =>
  `${line}:${column}-${endLine}:${endColumn} ${code} ${severity}`;
const fromCli = (findings: CliFinding[]) =>
  findings.map((f) => key(f.code, SEVERITY[f.severity], f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1)).sort();
const fromServer = (diagnostics: Diagnostic[]) =>
  diagnostics
    .map((d) => key(d.source === 'dockerfile-utils' ? 'DS100' : String(d.code), d.severity!, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character))
    .sort();

function runCli(cwd: string, files: string[]): CliFinding[] {
  const result = spawnSync(process.execPath, [cli, '--format', 'json', '--failure-threshold', 'error', ...files], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(result.status === 0 || result.status === 1, `dockside-lint failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as CliFinding[];
}

/** The server's final diagnostics: the first publication, then (when ShellCheck has something to say) the merged one. */
async function serverFindings(client: TestClient, file: string, expectShellcheck: boolean): Promise<string[]> {
  const uri = pathToFileURL(file).href;
  const first = await client.open(uri, fs.readFileSync(file, 'utf8'));
  if (!expectShellcheck) {
    return fromServer(first);
  }
  return fromServer(await client.diagnosticsWhere(uri, (diagnostics) => diagnostics.some((d) => d.source === 'shellcheck'), 30_000));
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-agreement-'));
let client: TestClient;
before(async () => {
  client = await startServer({ workspaceFolders: [pathToFileURL(scratch).href] });
});
after(async () => {
  await client.dispose();
  fs.rmSync(scratch, { recursive: true, force: true });
});

test(`dockside-lint and the server agree on ${sample.length} corpus files`, { skip: corpusSkip }, async () => {
  const findings = runCli(scratch, sample.map((name) => path.join(corpus, name)));
  let compared = 0;
  for (const name of sample) {
    const file = path.join(corpus, name);
    const expected = fromCli(findings.filter((finding) => finding.file === file));
    const expectShellcheck = findings.some((finding) => finding.file === file && finding.source === 'shellcheck');
    assert.deepEqual(await serverFindings(client, file, expectShellcheck), expected, name);
    compared += expected.length;
  }
  assert.ok(compared > sample.length, `the sample has findings to compare (${compared})`);
});

test('dockside-lint and the server agree on what the builder cannot read', { skip: cliSkip }, async () => {
  const file = path.join(scratch, 'Broken.Dockerfile');
  fs.writeFileSync(file, 'FROM alpine:3.20\nFOO bar\nCOPY app\nHEALTHCHECK --interval=often CMD true\nCOPY a b .\nENV TOOLS=C:\\\\tools\\\\\nRUN dir\nEXPOSE 80/tcpx\nRUN --network=bridge true\n');
  const expected = fromCli(runCli(scratch, ['--no-shellcheck', file]));
  assert.deepEqual(
    expected.filter((finding) => / DS100 /.test(finding)),
    ['1:0-1:3 DS100 1', '2:5-2:8 DS100 1', '3:23-3:28 DS100 1', '7:10-7:14 DS100 1', '8:14-8:20 DS100 1'],
  );
  assert.deepEqual(await serverFindings(client, file, false), expected);
});

test('dockside-lint and the server agree with a .hadolint.yaml and a .dockerignore', { skip: cliSkip }, async () => {
  fs.writeFileSync(path.join(scratch, '.hadolint.yaml'), 'ignored: [DL3006]\noverride:\n  error: [DL3008, SC2086]\ntrustedRegistries: [docker.io]\n');
  fs.writeFileSync(path.join(scratch, '.dockerignore'), '*.md\n');
  const file = path.join(scratch, 'Dockerfile');
  fs.writeFileSync(file, 'FROM debian\nFROM quay.io/x/y:1\nCOPY README.md /\nRUN apt-get update && apt-get install -y curl && echo $1\n');
  const findings = runCli(scratch, [file]);
  const expected = fromCli(findings);
  // The configuration took effect in the CLI (DL3006 ignored, DL3008 and SC2086 raised to errors, registries checked)…
  assert.deepEqual(expected, [
    '1:5-1:18 DS206 2',
    '2:5-2:14 DS119 2',
    '3:22-3:45 DS301 3',
    '3:22-3:45 DS303 3',
    '3:41-3:45 DS304 1',
    ...(hasShellcheck ? ['3:54-3:56 SC2086 1'] : []),
  ]);
  // …and in the editor, found from the workspace folder.
  assert.deepEqual(await serverFindings(client, file, hasShellcheck), expected);
  // A folder's own configuration, nearer than the workspace's, applies to the Dockerfiles below it in both.
  const service = path.join(scratch, 'service', 'api');
  fs.mkdirSync(service, { recursive: true });
  fs.writeFileSync(path.join(scratch, 'service', '.hadolint.yml'), 'ignored: [DL3008, SC2086]\n');
  const nested = path.join(service, 'Dockerfile');
  fs.writeFileSync(nested, fs.readFileSync(file, 'utf8'));
  const nestedExpected = fromCli(runCli(scratch, [path.relative(scratch, nested)]));
  assert.ok(nestedExpected.some((finding) => / DS201 /.test(finding)) && !nestedExpected.some((finding) => / (DS304|SC2086) /.test(finding)), nestedExpected.join('; '));
  assert.deepEqual(await serverFindings(client, nested, false), nestedExpected);
});
