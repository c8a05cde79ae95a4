import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { linesWhoseIndentationIsContent } from '../../server/dockerfile/parse/contentIndentation';
import { parse } from '../../server/dockerfile/parse/parser';

function kept(lines: string[]): number[] {
  const text = lines.join('\n');
  return [...linesWhoseIndentationIsContent(parse(text), TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text))].sort((a, b) => a - b);
}

test('continuation lines that start inside a quoted string keep their indentation', () => {
  assert.deepEqual(kept(['FROM a', 'RUN echo "a \\', '  b" \\', '  c \'d \\', 'e\' \\', '  f']), [2, 4]);
  // An escaped quote opens no string and closes none; in single quotes a backslash escapes nothing.
  assert.deepEqual(kept(['RUN echo \\" \\', "  a 'x\\' \\", '  b']), []);
  assert.deepEqual(kept(['RUN echo "x\\" \\', '  b" \\', '  c']), [1]);
  // Comment lines, which the builder drops, neither open nor close a string.
  assert.deepEqual(kept(['RUN echo a \\', "  # it's a comment", '  b \\', '  c']), []);
  // JSON strings too.
  assert.deepEqual(kept(['CMD ["a", "b \\', 'c"]']), [1]);
});

test('a value made of the rest of the instruction keeps the indentation of all its lines', () => {
  assert.deepEqual(kept(['ENV DEPS \\', '\t\tllvm \\', '\t\tclang', 'ENV A=1 \\', '  B=2']), [1, 2]);
  assert.deepEqual(kept(['WORKDIR /a \\', '  b']), [1]);
});

test('with the backtick escape character', () => {
  assert.deepEqual(kept(['# escape=`', 'FROM a', 'RUN echo "C:\\dir\\ `', '  b" `', '  c']), [3]);
});

test('heredoc bodies are not read for quotes', () => {
  assert.deepEqual(kept(['RUN <<EOF', "echo it's", 'EOF', 'RUN echo a \\', '  b']), []);
});
