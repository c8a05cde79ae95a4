// Bundles the three entry points: the extension host, the language server and the command-line linter.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
};

const bundles = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    // ssh2 (through docker-modem) loads optional native addons inside try/catch: leave them to fail at run time.
    external: ['vscode', '*.node', 'cpu-features'],
  },
  { ...common, entryPoints: { server: 'server/server.ts' }, outdir: 'dist' },
  {
    ...common,
    entryPoints: { cli: 'server/cli.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (production) {
  // A release bundle starts from an empty dist/ so no stale file (a source map, an old entry) is packaged.
  fs.rmSync('dist', { recursive: true, force: true });
}

if (watch) {
  const contexts = await Promise.all(bundles.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(bundles.map((options) => esbuild.build(options)));
}
