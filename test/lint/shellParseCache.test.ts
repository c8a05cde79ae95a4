/**
 * The per-document cache of RUN script parses: a round keeps what it looked up and drops the rest at the next,
 * and linting through it finds what a fresh lint finds, across edits. The recent parses shared between documents
 * keep the latest scripts up to a total length, and a document reusing another's parse gets its own offsets.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { lintDockerfile, RecentShellParses, ShellParseCache } from '../../server/dockerfile/lint';
import { OffsetMap } from '../../server/dockerfile/lint/shell/offsetMap';
import { parseShell } from '../../server/dockerfile/lint/shell/parse';
import '../support/shellParser';

const source = (script: string) => ({ script, offsets: OffsetMap.shifted(script.length, 0) });

test('a round keeps the parses it used and the next round drops the others', () => {
  const cache = new ShellParseCache();
  parseShell(source('apt-get update'), cache);
  parseShell(source('curl -fsSL x | sh'), cache);
  cache.nextRound();
  parseShell(source('apt-get update'), cache);
  cache.nextRound();
  assert.equal(cache.get('curl -fsSL x | sh'), undefined, 'not used in the last round');
  assert.ok(cache.get('apt-get update'), 'used in the last round');
});

test('a parse from the cache lands on the offsets of the RUN it is asked for', () => {
  const cache = new ShellParseCache();
  parseShell(source('sudo ls'), cache);
  const shifted = parseShell({ script: 'sudo ls', offsets: OffsetMap.shifted(7, 10) }, cache);
  assert.deepEqual(
    shifted.commands.map((command) => [command.name, command.start, command.end]),
    [['sudo', 10, 17]],
  );
});

test('linting a document through its cache finds what a fresh lint finds, across edits', () => {
  const cache = new ShellParseCache();
  const versions = [
    'FROM debian:12\nRUN apt-get update && apt-get install curl\nRUN curl -fsSL https://x | sh\n',
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN curl -fsSL https://x | sh\n',
    'FROM debian:12\nRUN curl -fsSL https://x | sh\nRUN sudo apt-get update && apt-get install curl\n',
  ];
  for (const text of versions) {
    cache.nextRound();
    const cached = lintDockerfile({ text, dockerfile: DockerfileParser.parse(text), shellParses: cache });
    const fresh = lintDockerfile({ text, dockerfile: DockerfileParser.parse(text), shellParses: new ShellParseCache() });
    assert.deepEqual(cached, fresh);
    assert.ok(cached.some((finding) => finding.code === 'DS317'), 'the pipe into sh is reported on every version');
  }
});

test('the recent parses keep the most recently used scripts within their length bound', () => {
  const recent = new RecentShellParses(30);
  const parse = (script: string) => parseShell(source(script), new ShellParseCache(Infinity, recent));
  parse('apt-get update'); // 14 characters
  parse('apk add curl'); // 12
  assert.equal(recent.size, 2);
  assert.ok(recent.get('apt-get update'), 'used again: now the most recent');
  parse('pip install x'); // 13: over 30 in all, so the least recently used goes
  assert.equal(recent.get('apk add curl'), undefined);
  assert.ok(recent.get('apt-get update'));
  assert.ok(recent.get('pip install x'));
  parse('echo "a script longer than the whole bound"');
  assert.equal(recent.get('echo "a script longer than the whole bound"'), undefined, 'never kept');
  assert.equal(recent.size, 2, 'and evicts nothing');
});

test("a document repeating another's RUN script reuses its parse, placed on its own lines", () => {
  const recent = new RecentShellParses(64 * 1024);
  const script = 'apt-get update && apt-get install curl && curl -fsSL https://x | sh';
  const first = `FROM debian:12\nRUN ${script}\n`;
  const second = `# syntax=docker/dockerfile:1\nFROM debian:12 AS base\nWORKDIR /srv\n\nRUN  ${script}\n`;
  lintDockerfile({ text: first, dockerfile: DockerfileParser.parse(first), shellParses: new ShellParseCache(Infinity, recent) });
  const secondCache = new ShellParseCache(Infinity, recent);
  assert.ok(secondCache.get(script), 'the first document left its parse for the second');
  const reused = lintDockerfile({ text: second, dockerfile: DockerfileParser.parse(second), shellParses: secondCache });
  const fresh = lintDockerfile({ text: second, dockerfile: DockerfileParser.parse(second), shellParses: new ShellParseCache() });
  assert.deepEqual(reused, fresh);
  const pipe = reused.find((finding) => finding.code === 'DS317');
  assert.ok(pipe, 'the pipe into sh is reported');
  assert.equal(pipe.range.start.line, 4, "on the second document's RUN line");
});
