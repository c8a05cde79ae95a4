import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { startServer, TestClient } from './harness';
import { dockerfileCorpus } from './corpusFiles';

const { folder: corpus, files, skip } = dockerfileCorpus();

let client: TestClient;
// The validator and the linter are under test here; ShellCheck runs are covered in lintWiring.test.ts.
before(async () => (client = await startServer({ settings: { 'dockside.dockerfile': { shellcheck: { enabled: false } } } })));
after(() => client.dispose());

test('every corpus Dockerfile gets diagnostics and not one error (BuildKit builds them all)', { skip }, async () => {
  const errors: string[] = [];
  for (const name of files) {
    const text = fs.readFileSync(path.join(corpus, name), 'utf8');
    const diagnostics = await client.open(`file:///corpus/${name}`, text);
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity === DiagnosticSeverity.Error) {
        errors.push(`${name}:${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
      }
    }
  }
  assert.ok(files.length >= 600, `expected the full corpus, found ${files.length} files`);
  assert.deepEqual(errors, []);
});
