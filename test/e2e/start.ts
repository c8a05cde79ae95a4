/**
 * `npm start`: Dockside for real, in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) on 127.0.0.1,
 * against the local Docker Engine. It builds and packages the extension when a source changed since the last
 * dockside.vsix, makes sure of an engine and of the cached code-server (installing what is missing, as the
 * tests do), installs dockside.vsix into a throwaway profile, opens a small sample workspace (a Dockerfile and
 * a compose file, copied from test/e2e/fixtures/sample the first time), prints the URL, and stays in the
 * foreground until Ctrl-C, when it ends code-server's whole process group.
 *
 * Options: `--port N` (or DOCKSIDE_PORT; default 8080, or a free port when 8080 is taken); `--folder PATH` to
 * open another folder instead of the sample.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeServer, freePort } from './harness/codeServer';
import { ensureCodeServer } from './harness/codeServerInstall';
import { repoRoot, sampleWorkspace, vsixPath } from './harness/paths';
import { cleanUpOnSignals } from './harness/processes';
import { step, StepError } from './harness/steps';
import { CODE_SERVER_VERSION, VSCODE_VERSION } from './harness/versions';
import { vsixStaleReason } from './harness/vsixFreshness';
import { ensureEngine } from '../support/engine';

const DEFAULT_PORT = 8080;

function requestedPort(argv: string[]): number | undefined {
  const index = argv.indexOf('--port');
  const value = index >= 0 ? argv[index + 1] : process.env.DOCKSIDE_PORT;
  if (value === undefined || value === '') {
    return undefined;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StepError('read the options', `--port must be a port number, not "${value}"`);
  }
  return port;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The folder to open: `--folder PATH` (relative to where `npm start` was run), else the sample workspace. */
function requestedFolder(argv: string[]): string | undefined {
  const index = argv.indexOf('--folder');
  if (index < 0) {
    return undefined;
  }
  const value = argv[index + 1];
  if (!value) {
    throw new StepError('read the options', '--folder needs a path');
  }
  const folder = path.resolve(process.env.INIT_CWD ?? process.cwd(), value);
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new StepError('read the options', `--folder ${value}: ${folder} is not a folder`);
  }
  return folder;
}

/**
 * The sample workspace, copied once into a folder of its own outside the repository, so what the user edits
 * there stays between runs and never touches the repository's copy.
 */
function sampleCopy(): string {
  const copy = path.join(os.tmpdir(), 'dockside-sample');
  if (!fs.existsSync(copy)) {
    fs.cpSync(sampleWorkspace, copy, { recursive: true });
  }
  return copy;
}

async function choosePort(requested: number | undefined): Promise<number> {
  if (requested !== undefined) {
    if (!(await portIsFree(requested))) {
      throw new Error(`127.0.0.1:${requested} is already in use; pick another with --port`);
    }
    return requested;
  }
  return (await portIsFree(DEFAULT_PORT)) ? DEFAULT_PORT : freePort();
}

async function main(): Promise<void> {
  // The terminal may go away on Ctrl-C (a closed pty): losing the last messages must not stop the cleanup.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const requested = requestedPort(process.argv.slice(2));
  const workspace = requestedFolder(process.argv.slice(2)) ?? sampleCopy();
  const stale = vsixStaleReason(repoRoot, vsixPath);
  if (stale) {
    console.log(`▶ packaging dockside.vsix: ${stale}`);
    await step(`build and package dockside.vsix (${stale})`, () => {
      const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
      if (result.status !== 0) {
        throw new Error(`\`npm run package\` exited with ${result.status ?? result.signal}`);
      }
    });
  } else {
    console.log('▶ dockside.vsix is up to date with the sources: not packaged again');
  }
  const docker = await step('get a Docker Engine', () => ensureEngine());
  const engine = await docker.version();
  const install = await step(`install code-server ${CODE_SERVER_VERSION} (cached)`, () => ensureCodeServer((line) => console.log(line)));
  const port = await step('choose a port', () => choosePort(requested));
  const logFile = path.join(os.tmpdir(), 'dockside-start-code-server.log');
  fs.rmSync(logFile, { force: true });
  const server = new CodeServer({ install, folder: workspace, port, logFile });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= server.stop());
  cleanUpOnSignals(async () => {
    console.log('\nStopping VS Code…');
    await stop();
    console.log('Stopped; nothing left running.');
  });
  await step('install dockside.vsix', () => server.installExtension(vsixPath, 'dockside.dockside'));
  await step('start code-server', () => server.start());
  server.onExit((why) => {
    if (!stopping) {
      console.error(`code-server ${why} on its own; see its log ${server.logFile}`);
      void stop().finally(() => process.exit(1));
    }
  });
  console.log(
    [
      '',
      `Dockside is running in VS Code ${VSCODE_VERSION} against Docker Engine ${engine.Version} (API ${engine.ApiVersion}).`,
      `Workspace: ${workspace}`,
      '',
      `  Open ${server.url}`,
      '',
      `Server log: ${server.logFile}`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
