// The extension contributes the grammar and the language configuration for `dockerfile`, and the
// committed grammar JSON is what its source generates.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { root } from './support/tokenizer';

interface Manifest {
  activationEvents: string[];
  contributes: {
    languages: Array<{ id: string; filenames?: string[]; filenamePatterns?: string[]; extensions?: string[]; configuration?: string }>;
    grammars: Array<{ language: string; scopeName: string; path: string; embeddedLanguages?: Record<string, string> }>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

/** VS Code's glob for filenamePatterns, for plain names: `*` is any run of characters, matched case-insensitively. */
function matchesPattern(pattern: string, fileName: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`, 'i').test(fileName);
}

function isDockerfile(fileName: string): boolean {
  const language = manifest.contributes.languages.find((candidate) => candidate.id === 'dockerfile');
  assert.ok(language, 'a dockerfile language is contributed');
  return (
    (language.filenames ?? []).includes(fileName) ||
    (language.filenamePatterns ?? []).some((pattern) => matchesPattern(pattern, fileName)) ||
    (language.extensions ?? []).some((extension) => fileName.toLowerCase().endsWith(extension.toLowerCase()))
  );
}

test('Dockerfile and Containerfile names open as the dockerfile language', () => {
  const names = ['Dockerfile', 'Containerfile', 'api.Dockerfile', 'Dockerfile.dev', 'Dockerfile.windows', 'app.containerfile', 'Containerfile.prod', 'web.dockerfile'];
  assert.deepEqual(names.filter((name) => !isDockerfile(name)), []);
  assert.deepEqual(['README.md', 'docker-compose.yml', 'Makefile'].filter(isDockerfile), []);
});

test('the grammar and the language configuration are contributed from syntaxes/', () => {
  const language = manifest.contributes.languages.find((candidate) => candidate.id === 'dockerfile');
  assert.equal(language?.configuration, './syntaxes/dockerfile.language-configuration.json');
  const grammar = manifest.contributes.grammars.find((candidate) => candidate.language === 'dockerfile');
  assert.ok(grammar, 'a grammar for dockerfile is contributed');
  assert.equal(grammar.scopeName, 'source.dockerfile');
  assert.equal(grammar.path, './syntaxes/dockerfile.tmLanguage.json');
  assert.deepEqual(grammar.embeddedLanguages, { 'meta.embedded.shell.dockerfile': 'shellscript' });
  for (const file of [grammar.path, language?.configuration ?? '']) {
    assert.ok(fs.existsSync(path.join(root, file)), `${file} exists`);
  }
  const grammarJson = JSON.parse(fs.readFileSync(path.join(root, grammar.path), 'utf8')) as { scopeName: string };
  assert.equal(grammarJson.scopeName, 'source.dockerfile');
});

test('the grammar JSON is generated from its source', () => {
  const result = spawnSync(process.execPath, ['syntaxes/src/dockerfile.grammar.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});
