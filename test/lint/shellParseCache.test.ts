/**
 * The per-document cache of RUN script parses: a round keeps what it looked up and drops the rest at the next,
 * and linting through it finds what a fresh lint finds, across edits.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { lintDockerfile, ShellParseCache } from '../../server/lint';
import { OffsetMap } from '../../server/lint/shell/offsetMap';
import { parseShell } from '../../server/lint/shell/parse';
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
