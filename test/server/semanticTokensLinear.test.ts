/**
 * The semantic tokens the server sends are made by dockerfile-language-service's own token code, run in linear
 * time: on every corpus file, and on the fuzz test's mutations of each, they are the tokens the library's own
 * (quadratic) loop makes, before and after the tokens left to the grammar are taken out.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { libraryTokens, linearLibraryTokens, semanticTokens, semanticTokensByLibrary } from '../../server/dockerfile/features/semanticTokens';
import { ParsedDocument } from '../../server/dockerfile/parse/parsedDocument';
import { installParser } from '../../server/dockerfile/parse/parser';
import { mutations, random } from './mutations';

const corpus = path.resolve(__dirname, '../../../shared/corpus/dockerfiles');
const files = fs.existsSync(corpus) ? fs.readdirSync(corpus).filter((name) => !/\.(md|tsv)$/.test(name)).sort() : [];
// As the server runs the library.
installParser();
const skip = files.length === 0 ? `the Dockerfile corpus is absent (${path.relative(process.cwd(), corpus)})` : false;

function assertSameTokens(text: string, what: string): void {
  const parsed = new ParsedDocument(TextDocument.create('file:///tokens/Dockerfile', 'dockerfile', 1, text));
  assert.deepEqual(semanticTokens(parsed).data, semanticTokensByLibrary(parsed).data, `${what}: tokens sent`);
  if (text.length < 50_000) {
    // Unmasked (a huge line would take the library's loop minutes).
    assert.deepEqual(linearLibraryTokens(text), libraryTokens(text), `${what}: the library's tokens`);
  }
}

test('on every corpus file, the tokens are the library’s', { skip }, () => {
  for (const name of files) {
    assertSameTokens(fs.readFileSync(path.join(corpus, name), 'utf8'), name);
  }
});

test('on mutated corpus files, the tokens are the library’s', { skip }, () => {
  const names = Object.keys(mutations);
  const next = random(20261207);
  for (const [index, name] of files.entries()) {
    const kind = names[index % names.length];
    assertSameTokens(mutations[kind](fs.readFileSync(path.join(corpus, name), 'utf8'), next), `${name} after ${kind}`);
  }
});

test('comments inside continued instructions, directives and a MAINTAINER give the library’s tokens', () => {
  const text = [
    '# syntax=docker/dockerfile:1',
    '# escape=\\',
    '# a comment',
    'FROM alpine AS base # not a comment',
    'RUN echo one \\',
    '# inside',
    '    two \\',
    '  # inside too',
    '    three',
    '# after',
    'ENV A=1 \\',
    '    B="two $A"',
    'maintainer me',
    'LABEL "x"=\'y\' z=$A',
  ].join('\n');
  assertSameTokens(text, 'hand-made file');
  assert.ok(linearLibraryTokens(text).length > 0);
});
