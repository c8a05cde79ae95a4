/**
 * Bundles the extension-host suite with esbuild: `index.js` plus one `<name>.suite.js` per
 * `test/e2e/exthost/<name>.suite.ts`, into `out/e2e/` of the repo (git-ignored). `vscode` is provided by
 * the extension host; mocha is resolved from the repo's node_modules so every suite shares one instance.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { suiteOutDir, suiteSourceDir } from './paths';


/** Returns the path of the bundled `index.js` to pass as `extensionTestsPath`. */
export async function bundleExtensionHostSuite(): Promise<string> {
  const suites = fs.readdirSync(suiteSourceDir).filter((name) => name.endsWith('.suite.ts'));
  if (suites.length === 0) {
    throw new Error(`no *.suite.ts files in ${suiteSourceDir}`);
  }
  const entryPoints = Object.fromEntries([
    ['index', path.join(suiteSourceDir, 'index.ts')],
    ...suites.map((name) => [name.replace(/\.ts$/, ''), path.join(suiteSourceDir, name)]),
  ]);
  fs.rmSync(suiteOutDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: suiteOutDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha', '*.node', 'cpu-features'],
    logLevel: 'warning',
  });
  return path.join(suiteOutDir, 'index.js');
}
