// Bundles the entry points: the extension host, the language server, the command-line linter and the stats page.
import * as fs from 'node:fs';
import * as path from 'node:path';
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

/**
 * web-tree-sitter's ECMAScript-module build finds itself through `import.meta.url`, which a CommonJS bundle
 * does not have: the bundles take its CommonJS build.
 */
const shellParser = { alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' } };

const bundles = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    // ssh2 (through docker-modem) loads optional native addons inside try/catch: leave them to fail at run time.
    external: ['vscode', '*.node', 'cpu-features'],
  },
  {
    ...common,
    ...shellParser,
    entryPoints: { server: 'server/server.ts' },
    outdir: 'dist',
    // Named only when the analysis thread runs from the sources (tests); the bundle starts itself as the thread.
    external: ['tsx/cjs'],
  },
  {
    ...common,
    ...shellParser,
    entryPoints: { cli: 'server/dockerfile/cli.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The stats webview's page: a browser script (with uPlot) and its style sheet, statsView.js and statsView.css.
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: { statsView: 'src/stats/webview/main.ts' },
    outdir: 'dist',
    tsconfig: 'src/stats/webview/tsconfig.json',
  },
];

/** The linter's shell parser (web-tree-sitter and its bash grammar), loaded beside server.js and cli.js at run time. */
const wasmFiles = ['node_modules/web-tree-sitter/tree-sitter.wasm', 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'];

if (production) {
  // A release bundle starts from an empty dist/ so no stale file (a source map, an old entry) is packaged.
  fs.rmSync('dist', { recursive: true, force: true });
}
fs.mkdirSync('dist', { recursive: true });
for (const file of wasmFiles) {
  fs.copyFileSync(file, path.join('dist', path.basename(file)));
}
/** The Compose Specification schema is bundled into server.js: its licence and notice ship beside it. */
fs.mkdirSync('dist/compose-spec', { recursive: true });
for (const file of ['LICENSE', 'NOTICE']) {
  fs.copyFileSync(path.join('server/compose/schema', file), path.join('dist/compose-spec', file));
}

if (watch) {
  const contexts = await Promise.all(bundles.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(bundles.map((options) => esbuild.build(options)));
}
