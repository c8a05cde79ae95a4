// The language server's semantic tokens use standard token types; VS Code colours a semantic token with
// the theme's colour for a TextMate scope it falls back to. For each construct the grammar's scope must
// sit under that fallback, so that semantic highlighting arriving a moment after the grammar does not
// repaint the text. The types are the ones the language server emits (syntaxes/README.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDockerfileGrammar, tokenAt, tokenizeDocument } from './support/tokenizer';

/** VS Code's fallback scopes for the standard semantic token types (tokenClassificationRegistry). */
const fallbackScopes: Record<string, string[]> = {
  keyword: ['keyword.control'],
  parameter: ['variable.parameter'],
  variable: ['variable.other.readwrite', 'entity.name.variable'],
  property: ['variable.other.property'],
  namespace: ['entity.name.namespace'],
  class: ['entity.name.type.class'],
  string: ['string'],
  comment: ['comment'],
  number: ['constant.numeric'],
  operator: ['keyword.operator'],
};

const document = [
  '# syntax=docker/dockerfile:1',
  'ARG VERSION=1.0',
  'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
  '# a comment',
  'ENV GOFLAGS="-mod=vendor" CGO=${CGO:-0}',
  'LABEL org.opencontainers.image.version=$VERSION',
  'COPY --from=build /out /app',
  'EXPOSE 8080/tcp',
  'CMD ["/app"]',
].join('\n');

const cases: Array<{ line: number; text: string; type: keyof typeof fallbackScopes }> = [
  { line: 1, text: 'ARG', type: 'keyword' },
  { line: 1, text: 'VERSION', type: 'property' },
  { line: 2, text: 'FROM', type: 'keyword' },
  { line: 2, text: 'platform', type: 'parameter' },
  { line: 2, text: 'BUILDPLATFORM', type: 'variable' },
  { line: 2, text: 'golang', type: 'class' },
  { line: 2, text: 'AS', type: 'keyword' },
  { line: 2, text: 'build', type: 'namespace' },
  { line: 3, text: '# a comment', type: 'comment' },
  { line: 4, text: 'GOFLAGS', type: 'property' },
  { line: 4, text: '"-mod=vendor"', type: 'string' },
  { line: 4, text: 'CGO:-', type: 'variable' },
  { line: 4, text: ':-', type: 'operator' },
  { line: 5, text: 'org.opencontainers.image.version', type: 'property' },
  { line: 5, text: 'VERSION', type: 'variable' },
  { line: 6, text: 'from', type: 'parameter' },
  { line: 6, text: 'build', type: 'namespace' },
  { line: 7, text: '8080', type: 'number' },
  { line: 8, text: '"/app"', type: 'string' },
];

test('grammar scopes sit under the fallback scope of the semantic token type for each construct', async () => {
  const lines = tokenizeDocument(await loadDockerfileGrammar(), document);
  const disagreements = cases.flatMap(({ line, text, type }) => {
    const column = lines[line].text.indexOf(text);
    assert.ok(column >= 0, `${JSON.stringify(text)} is on line ${line + 1}`);
    const scopes = tokenAt(lines[line], column)?.scopes ?? [];
    const agrees = scopes.some((scope) => fallbackScopes[type].some((fallback) => scope === fallback || scope.startsWith(`${fallback}.`)));
    return agrees ? [] : [`${JSON.stringify(text)} (${type}): ${scopes.join(' ')}`];
  });
  assert.deepEqual(disagreements, []);
});
