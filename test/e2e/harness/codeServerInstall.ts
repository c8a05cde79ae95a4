/**
 * Installs the pinned code-server (a real VS Code server) once per machine, outside the project's
 * dependency tree: in a cache folder keyed by the versions, under $XDG_CACHE_HOME or ~/.cache.
 *
 * code-server's own postinstall would download ripgrep and prebuilt binaries; this machine may only reach
 * the npm registry, so the install skips scripts and builds the native modules from source with node-gyp
 * against the running Node's headers. A lock makes concurrent runs take turns; the install is built in a
 * staging folder and renamed into place, so a half-finished install is never used.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withLock } from './lock';
import { ensureBuildPrerequisites, nodePrefix } from './prerequisites';
import { runCommand, step } from './steps';
import { CODE_SERVER_VERSION } from './versions';

const STAMP = 'dockside-install.json';
const LOCK_WAIT_MS = 30 * 60_000;
const COMMAND_TIMEOUT_MS = 20 * 60_000;

export interface CodeServerInstall {
  /** The folder holding node_modules/code-server. */
  root: string;
  /** `out/node/entry.js`, run with this Node. */
  entry: string;
  /** Seconds the install took, when this call installed it; undefined when it came from the cache. */
  installedInSeconds?: number;
}

export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'dockside-e2e');
}

/** Native modules are built for one Node ABI, platform and architecture: all are part of the key. */
export function cacheKey(): string {
  return `code-server-${CODE_SERVER_VERSION}-node-abi${process.versions.modules}-${process.platform}-${process.arch}`;
}

function describe(root: string, installedInSeconds?: number): CodeServerInstall {
  return { root, entry: path.join(root, 'node_modules', 'code-server', 'out', 'node', 'entry.js'), installedInSeconds };
}

function isComplete(root: string): boolean {
  return fs.existsSync(path.join(root, STAMP));
}

/** Returns the cached install, installing it first when it is missing (minutes when cold). */
export async function ensureCodeServer(log: (line: string) => void = () => undefined): Promise<CodeServerInstall> {
  const final = path.join(cacheRoot(), cacheKey());
  if (isComplete(final)) {
    return describe(final);
  }
  fs.mkdirSync(cacheRoot(), { recursive: true });
  return withLock(`${final}.lock`, LOCK_WAIT_MS, async () => {
    if (isComplete(final)) {
      return describe(final); // Another run installed it while this one waited.
    }
    const started = Date.now();
    log(`installing code-server ${CODE_SERVER_VERSION} into ${final} (a few minutes, once)`);
    const staging = `${final}.staging`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(final, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    await install(staging, log);
    const seconds = Math.round((Date.now() - started) / 1000);
    fs.writeFileSync(
      path.join(staging, STAMP),
      `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: process.version, seconds, finished: new Date().toISOString() }, null, 2)}\n`,
    );
    fs.renameSync(staging, final);
    log(`code-server installed in ${seconds} s`);
    return describe(final, seconds);
  });
}

async function install(root: string, log: (line: string) => void): Promise<void> {
  const logFile = path.join(root, 'install.log');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_build_from_source: 'true',
    npm_config_nodedir: nodePrefix(),
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    // The pinned code-server tree needs its own native build scripts (node-gyp); npm 11 blocks dependency
    // scripts unless allowed.
    npm_config_dangerously_allow_all_scripts: 'true',
  };
  const npm = (cwd: string, args: string[]) => runCommand('npm', args, { cwd, env, log: logFile, timeoutMs: COMMAND_TIMEOUT_MS });
  const vscodeDir = path.join(root, 'node_modules', 'code-server', 'lib', 'vscode');

  await step('check build prerequisites for code-server', () => ensureBuildPrerequisites());
  await step(`npm install code-server@${CODE_SERVER_VERSION}`, async () => {
    fs.writeFileSync(path.join(root, 'package.json'), `${JSON.stringify({ private: true, name: 'dockside-e2e-code-server' }, null, 2)}\n`);
    // Without scripts: the postinstall would download ripgrep and prebuilt binaries from GitHub.
    await npm(root, ['install', '--ignore-scripts', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`]);
  });
  log('  code-server downloaded; building argon2');
  await step('build argon2 (code-server password hashing)', () => npm(root, ['rebuild', 'argon2']));
  await step('allow --enable-smoke-test-driver on the code-server command line', () => allowSmokeTestDriver(root));
  log('  installing VS Code server dependencies');
  await step('install the VS Code server dependencies', () => npm(vscodeDir, ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock']));
  await step('use the system ripgrep', () => {
    const bin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.copyFileSync('/usr/bin/rg', path.join(bin, 'rg'));
    fs.chmodSync(path.join(bin, 'rg'), 0o755);
  });
  log('  building native modules with node-gyp');
  await step('build the VS Code server native modules', () => npm(vscodeDir, ['rebuild']));
  await step('link the VS Code server helpers', () => {
    fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
    relink(path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'), 'code-linux.sh');
    relink(path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'), 'browser-linux.sh');
  });
  log('  installing the built-in extensions dependencies');
  await step('install the built-in extensions dependencies', () => npm(path.join(vscodeDir, 'extensions'), ['install', '--omit=dev', '--no-package-lock']));
}

function relink(link: string, target: string): void {
  if (fs.existsSync(path.join(path.dirname(link), target))) {
    fs.rmSync(link, { force: true });
    fs.symlinkSync(target, link);
  }
}

/**
 * The workbench runs a test payload (`extensionTestsPath` in the URL) only when the VS Code server is started
 * with --enable-smoke-test-driver, which VS Code's server knows but code-server's option parser rejects.
 * This declares the option in code-server's parser so it is passed through.
 */
function allowSmokeTestDriver(root: string): void {
  const cli = path.join(root, 'node_modules', 'code-server', 'out', 'node', 'cli.js');
  const source = fs.readFileSync(cli, 'utf8');
  if (source.includes('"enable-smoke-test-driver"')) {
    return;
  }
  const anchor = '    "disable-workspace-trust": {';
  if (!source.includes(anchor)) {
    throw new Error(`${cli} no longer has the option table this patch expects (anchor ${anchor.trim()})`);
  }
  const patched = source.replace(anchor, `    "enable-smoke-test-driver": { type: "boolean", description: "Run test payloads (Dockside e2e)." },\n${anchor}`);
  fs.writeFileSync(cli, patched);
}
