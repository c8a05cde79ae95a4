// Scope assertions written into the fixture files (see support/fixture.ts for the notation).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { disagreements } from './support/agreement';
import { parseFixture, type ScopeAssertion } from './support/fixture';
import { loadDockerfileGrammar, tokenAt, tokenizeDocument, type TokenizedLine } from './support/tokenizer';

const fixtures = path.join(__dirname, 'fixtures');

function failuresOf(assertion: ScopeAssertion, lines: TokenizedLine[]): string[] {
  const line = lines[assertion.line];
  const failures: string[] = [];
  for (const column of assertion.columns) {
    const token = tokenAt(line, column);
    const where = `fixture line ${assertion.fixtureLine} (source ${assertion.line + 1}:${column + 1})`;
    if (!token) {
      failures.push(`${where}: no token, the line is ${JSON.stringify(line.text)}`);
      continue;
    }
    const missing = assertion.present.filter((scope) => !token.scopes.includes(scope));
    const unwanted = assertion.absent.filter((scope) => token.scopes.some((name) => name === scope || name.startsWith(`${scope}.`)));
    if (missing.length > 0 || unwanted.length > 0) {
      const problems = [...missing.map((scope) => `missing ${scope}`), ...unwanted.map((scope) => `unwanted ${scope}`)];
      failures.push(`${where} ${JSON.stringify(token.text)}: ${problems.join(', ')}; has ${token.scopes.join(' ')}`);
    }
  }
  return failures;
}

const files = fs.readdirSync(fixtures).filter((name) => name.endsWith('.Dockerfile')).sort();

test('there are grammar fixtures', () => {
  assert.ok(files.length >= 5, `fixtures in ${fixtures}`);
});

for (const file of files) {
  test(`fixture ${file}`, async () => {
    const grammar = await loadDockerfileGrammar();
    const fixture = parseFixture(fs.readFileSync(path.join(fixtures, file), 'utf8'));
    assert.ok(fixture.assertions.length > 0, `${file} asserts something`);
    const lines = tokenizeDocument(grammar, fixture.source, 1_000);
    assert.deepEqual(lines.filter((line) => line.stoppedEarly).map((line) => line.text), [], 'no line runs out of time');
    assert.deepEqual(fixture.assertions.flatMap((assertion) => failuresOf(assertion, lines)), []);
    assert.deepEqual(disagreements(fixture.source, lines), [], 'the grammar agrees with the Dockerfile parser');
  });
}
