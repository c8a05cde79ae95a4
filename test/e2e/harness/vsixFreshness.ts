/**
 * Whether dockside.vsix is older than what it is made from, so `npm start` repackages only after a change:
 * the newest modification time among the package's inputs against the package's own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What `npm run package` reads: the sources it bundles, what it ships as is, and the dependencies it bundles. */
export const PACKAGE_INPUTS = [
  'src',
  'server',
  'syntaxes',
  'media',
  'docs/rules.md',
  'package.json',
  'package-lock.json',
  // Rewritten by every `npm ci`/`npm install`: stands for the bundled dependencies.
  'node_modules/.package-lock.json',
  'esbuild.mjs',
  'tsconfig.json',
  '.vscodeignore',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
];

/** The newest modification time (ms) under `entry` (a file or a folder, walked), or 0 when it does not exist. */
function newestUnder(entry: string): { mtimeMs: number; file: string } {
  let newest = { mtimeMs: 0, file: entry };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return newest;
  }
  if (!stat.isDirectory()) {
    return { mtimeMs: stat.mtimeMs, file: entry };
  }
  for (const name of fs.readdirSync(entry)) {
    const found = newestUnder(path.join(entry, name));
    if (found.mtimeMs > newest.mtimeMs) newest = found;
  }
  return newest;
}

/** Why the package must be made again (a sentence), or undefined when it is newer than every input. */
export function vsixStaleReason(root: string, vsix: string, inputs: readonly string[] = PACKAGE_INPUTS): string | undefined {
  let packaged: number;
  try {
    packaged = fs.statSync(vsix).mtimeMs;
  } catch {
    return `${path.basename(vsix)} does not exist yet`;
  }
  for (const input of inputs) {
    const newest = newestUnder(path.join(root, input));
    if (newest.mtimeMs > packaged) {
      return `${path.relative(root, newest.file)} changed since ${path.basename(vsix)} was made`;
    }
  }
  return undefined;
}
