/**
 * What building code-server's native modules needs from the system, and the Debian packages that provide it.
 * As root on Debian the missing packages are installed (like the engine script does); elsewhere the error
 * names them.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Requirement {
  what: string;
  present: () => boolean;
  debianPackage: string;
}

const onPath = (command: string) => () => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** The prefix of the running Node, whose headers node-gyp must use (it would download them otherwise). */
export function nodePrefix(): string {
  return path.dirname(path.dirname(fs.realpathSync(process.execPath)));
}

const requirements: Requirement[] = [
  { what: 'make', present: onPath('make'), debianPackage: 'build-essential' },
  { what: 'g++', present: onPath('g++'), debianPackage: 'build-essential' },
  { what: 'python3', present: onPath('python3'), debianPackage: 'python3' },
  { what: 'Kerberos headers (krb5.h)', present: () => fs.existsSync('/usr/include/krb5.h'), debianPackage: 'libkrb5-dev' },
  { what: 'ripgrep (rg)', present: () => fs.existsSync('/usr/bin/rg'), debianPackage: 'ripgrep' },
];

function aptInstall(packages: string[]): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-q'], ['install', '-y', '-q', ...packages]]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'pipe'], env, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`apt-get ${args.join(' ')} failed: ${result.stderr.trim()}`);
    }
  }
}

/** Makes sure the build tools are present, installing them as root on Debian; throws naming what is missing. */
export function ensureBuildPrerequisites(): void {
  if (!fs.existsSync(path.join(nodePrefix(), 'include', 'node', 'node.h'))) {
    throw new Error(`the headers of this Node (${process.execPath}) are missing under ${nodePrefix()}/include/node (Debian: install libnode-dev; or use a Node build that ships its headers)`);
  }
  const missing = requirements.filter((requirement) => !requirement.present());
  if (missing.length === 0) {
    return;
  }
  const packages = [...new Set(missing.map((requirement) => requirement.debianPackage))];
  const canInstall = process.getuid?.() === 0 && fs.existsSync('/etc/debian_version');
  if (!canInstall) {
    throw new Error(`missing ${missing.map((requirement) => requirement.what).join(', ')}; install the Debian packages: ${packages.join(' ')}`);
  }
  aptInstall(packages);
}
