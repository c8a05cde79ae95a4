import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as yauzl from 'yauzl';

const root = path.resolve(__dirname, '../..');

function entriesOf(zipPath: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) {
        reject(error ?? new Error(`cannot open ${zipPath}`));
        return;
      }
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

// The test runner packages once before the suites run (`npm run package`); this test reads that package.
test('the .vsix holds only the bundles, the shell parser\'s WebAssembly, the generated grammar (not its sources), media and the documents', async () => {
  const vsix = path.join(root, 'dockside.vsix');
  assert.ok(fs.existsSync(vsix), 'dockside.vsix exists: run `npm run package` first');
  const names = await entriesOf(vsix);
  const shipped = names.filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));

  const wasm = ['dist/tree-sitter.wasm', 'dist/tree-sitter-bash.wasm'];
  // The licence and notice of the Compose Specification schema bundled into server.js.
  const notices = ['dist/compose-spec/LICENSE', 'dist/compose-spec/NOTICE'];
  const allowed = /^(dist\/[^/]+\.(js|css)|syntaxes\/[^/]+\.json|media\/.+|docs\/rules\.md|package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/;
  assert.deepEqual(shipped.filter((name) => !allowed.test(name) && !wasm.includes(name) && !notices.includes(name)), [], 'nothing else is shipped');
  const syntaxes = ['syntaxes/dockerfile.tmLanguage.json', 'syntaxes/dockerfile.language-configuration.json'];
  // docs/rules.md: the rules' documentation each finding's code links to.
  for (const required of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', ...notices, ...wasm, ...syntaxes, 'docs/rules.md', 'package.json', 'readme.md', 'changelog.md', 'LICENSE.txt']) {
    assert.ok(shipped.includes(required), `${required} is in the package`);
  }
  assert.ok(!shipped.some((name) => name.includes('node_modules/')), 'dependencies are bundled, not shipped');
  assert.ok(!shipped.some((name) => name.endsWith('.map')), 'no source maps in the release package');
});
