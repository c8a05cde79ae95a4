// The grammar embeds the shell in RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD; the language server's semantic
// tokens must leave that text to it (they would otherwise repaint every shell word as a parameter), and
// where both colour a construct (instruction keywords, comments) they must agree.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { semanticTokens, semanticTokensLegend } from '../../server/dockerfile/features/semanticTokens';
import { ParsedDocument } from '../../server/dockerfile/parse/parsedDocument';
import { loadDockerfileGrammar, tokenAt, tokenizeDocument } from './support/tokenizer';

interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: string;
}

function decodedTokens(text: string): DecodedToken[] {
  const parsed = new ParsedDocument(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text));
  const data = semanticTokens(parsed).data;
  const tokens: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    tokens.push({ line, character, length: data[i + 2], type: semanticTokensLegend.tokenTypes[data[i + 3]] });
  }
  return tokens;
}

async function disagreements(text: string): Promise<string[]> {
  const grammar = await loadDockerfileGrammar();
  const lines = tokenizeDocument(grammar, text);
  const problems: string[] = [];
  for (const token of decodedTokens(text)) {
    const scopes = tokenAt(lines[token.line], token.character)?.scopes ?? [];
    const where = `${token.line + 1}:${token.character + 1} ${token.type} "${lines[token.line].text.slice(token.character, token.character + token.length)}"`;
    if (scopes.includes('source.shell') && token.type !== 'comment') {
      problems.push(`${where} paints over the embedded shell`);
    }
    if (token.type === 'keyword' && !scopes.some((scope) => scope.startsWith('keyword.'))) {
      problems.push(`${where} is a keyword the grammar does not scope as one (${scopes.join(' ')})`);
    }
    if (token.type === 'comment' && !scopes.some((scope) => scope.startsWith('comment') || scope.includes('.directive'))) {
      problems.push(`${where} is a comment the grammar does not scope as one (${scopes.join(' ')})`);
    }
  }
  return problems;
}

test('semantic tokens leave shell command lines to the grammar and agree on keywords and comments', async () => {
  const text = [
    'FROM golang:1.22 AS build',
    '# build the binary',
    'RUN --mount=type=cache,target=/root/.cache go build -o /out/app ./cmd/app \\',
    '    && echo "built $GOOS" | tee /tmp/log',
    'HEALTHCHECK --interval=5s CMD wget -q -O- http://localhost:8080/health || exit 1',
    'ENTRYPOINT ["/out/app", "--port=8080"]',
    'CMD exec /out/app serve',
    '',
  ].join('\n');
  assert.deepEqual(await disagreements(text), []);
  const types = decodedTokens(text).map((token) => `${token.line}:${token.type}`);
  assert.ok(types.includes('2:keyword') && types.includes('2:parameter'), 'RUN and its --mount flag keep their tokens');
});

test('over real-world Dockerfiles, no semantic token paints over the embedded shell', async (t) => {
  const corpus = path.resolve(__dirname, '../../../shared/corpus/dockerfiles');
  if (!fs.existsSync(corpus)) {
    t.skip(`no corpus at ${corpus}`);
    return;
  }
  const files = fs.readdirSync(corpus).filter((name) => name.endsWith('Dockerfile')).sort().filter((_, index) => index % 5 === 0);
  const problems: string[] = [];
  for (const name of files) {
    for (const problem of await disagreements(fs.readFileSync(path.join(corpus, name), 'utf8'))) {
      problems.push(`${name}:${problem}`);
    }
  }
  assert.deepEqual(problems.slice(0, 10), [], `${problems.length} disagreements`);
});
