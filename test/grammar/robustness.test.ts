// Hostile and broken input: long lines, unclosed strings and expansions, stray markers. Each must tokenize
// within a time limit, and the instruction after it must still be recognised.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasScope } from './support/agreement';
import { loadDockerfileGrammar, tokenizeDocument } from './support/tokenizer';

const lineTimeLimitMs = 1_000;

// `joined`: BuildKit itself reads the instruction after the text as part of it (an unterminated heredoc,
// a continuation before a blank line), so the grammar must not show it as an instruction either.
const cases: Array<{ name: string; text: string; joined?: boolean }> = [
  { name: 'a 20,000-character shell word', text: `RUN ${'a'.repeat(20_000)}` },
  { name: 'three thousand ENV pairs on one line', text: `ENV ${'A=1 '.repeat(3_000)}` },
  { name: 'a mount flag with five thousand options', text: `RUN --mount=${'type=cache,'.repeat(5_000)} make` },
  { name: 'two thousand unclosed expansions', text: `FROM ${'${'.repeat(2_000)}` },
  { name: 'an unclosed double quote in LABEL', text: 'LABEL description="never closed \\\n  still the label' },
  { name: 'an unclosed exec form', text: 'CMD ["a", "b"' },
  { name: 'an unclosed shell quote and subshell', text: 'RUN echo "$(cat \'x' },
  { name: 'a heredoc that never ends', text: 'RUN <<EOF\necho one\necho two', joined: true },
  { name: 'a heredoc marker in arithmetic', text: 'RUN echo $((1<<4)) && echo done' },
  { name: 'a continuation before a blank line', text: 'RUN make \\', joined: true },
  { name: 'a thousand continuation lines', text: `RUN true${' \\\n  && true'.repeat(1_000)}` },
  { name: 'fifty heredoc markers waiting for their bodies', text: `COPY ${Array.from({ length: 50 }, (_, i) => `<<F${i}`).join(' ')} /dst/\nx\nF0`, joined: true },
];

for (const { name, text, joined = false } of cases) {
  test(`bounded and contained: ${name}`, async () => {
    const grammar = await loadDockerfileGrammar();
    const source = `${text}\n\nUSER nobody\n`;
    const started = performance.now();
    const lines = tokenizeDocument(grammar, source, lineTimeLimitMs);
    const elapsed = performance.now() - started;
    assert.deepEqual(lines.filter((line) => line.stoppedEarly).map((line) => line.text.slice(0, 60)), [], 'no line runs out of time');
    assert.ok(elapsed < 5_000, `tokenized in ${elapsed.toFixed(0)} ms`);
    const user = lines.findIndex((line) => line.text === 'USER nobody');
    assert.equal(hasScope(lines, user, 0, 'keyword.control.instruction'), !joined, joined ? 'the next line is part of the instruction' : 'the next instruction is recognised');
  });
}
