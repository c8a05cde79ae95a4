// Every real Dockerfile of the shared corpus goes through the grammar: no line may run out of time, and
// the grammar must agree with the Dockerfile parser (dockerfile-ast) on where instructions and comments
// are, which is what a leaking region (embedded shell, heredoc, string) would break.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { disagreements } from './support/agreement';
import { loadDockerfileGrammar, root, tokenizeDocument } from './support/tokenizer';

const corpus = path.join(root, '../shared/corpus/dockerfiles');
const lineTimeLimitMs = 500;
const fileTimeLimitMs = 2_000;

function corpusFiles(): string[] {
  return fs
    .readdirSync(corpus)
    .filter((name) => !name.endsWith('.tsv') && !name.startsWith('.'))
    .sort();
}

test('every corpus Dockerfile tokenizes in bounded time and agrees with the parser', async (t) => {
  if (!fs.existsSync(corpus)) {
    t.skip(`the corpus folder ${path.relative(root, corpus)} is absent`);
    return;
  }
  const grammar = await loadDockerfileGrammar();
  // Compile the rules once before timing: the first file should not pay for every regular expression.
  tokenizeDocument(grammar, 'FROM a AS b\nRUN <<EOF\nset -e\nEOF\nRUN --mount=type=cache,target=/x echo "$A" \\\n  && make\nCOPY <<EOF /x\nEOF\n');
  const files = corpusFiles();
  assert.ok(files.length > 0, 'the corpus folder holds Dockerfiles');
  const failures: string[] = [];
  let slowest = { file: '', ms: 0 };
  for (const file of files) {
    const text = fs.readFileSync(path.join(corpus, file), 'utf8');
    const started = performance.now();
    const lines = tokenizeDocument(grammar, text, lineTimeLimitMs);
    const elapsed = performance.now() - started;
    if (elapsed > slowest.ms) {
      slowest = { file, ms: elapsed };
    }
    const stopped = lines.findIndex((line) => line.stoppedEarly);
    if (stopped >= 0) {
      failures.push(`${file}: line ${stopped + 1} took over ${lineTimeLimitMs} ms`);
    }
    if (elapsed > fileTimeLimitMs) {
      failures.push(`${file}: took ${elapsed.toFixed(0)} ms`);
    }
    failures.push(...disagreements(text, lines).map((problem) => `${file}: ${problem}`));
  }
  t.diagnostic(`${files.length} files; slowest ${slowest.file} in ${slowest.ms.toFixed(1)} ms`);
  assert.deepEqual(failures, []);
});
