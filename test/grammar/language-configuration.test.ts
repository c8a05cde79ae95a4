// The language configuration: comments, brackets, and Enter continuing an instruction after the escape
// character. The on-enter rules are evaluated as VS Code does: the first rule whose texts all match wins.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { root } from './support/tokenizer';

type Pattern = string | { pattern: string; flags?: string };

interface OnEnterRule {
  beforeText: Pattern;
  afterText?: Pattern;
  previousLineText?: Pattern;
  action: { indent: 'none' | 'indent' | 'outdent' | 'indentOutdent'; appendText?: string };
}

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: Array<[string, string]>;
  autoClosingPairs: Array<{ open: string; close: string }>;
  onEnterRules: OnEnterRule[];
}

const configuration = JSON.parse(
  fs.readFileSync(path.join(root, 'syntaxes/dockerfile.language-configuration.json'), 'utf8'),
) as LanguageConfiguration;

function matches(pattern: Pattern | undefined, text: string): boolean {
  if (pattern === undefined) {
    return true;
  }
  return typeof pattern === 'string' ? new RegExp(pattern).test(text) : new RegExp(pattern.pattern, pattern.flags).test(text);
}

function onEnter(previousLineText: string, beforeText: string, afterText = ''): string | undefined {
  const rule = configuration.onEnterRules.find(
    (candidate) =>
      matches(candidate.beforeText, beforeText) && matches(candidate.afterText, afterText) && matches(candidate.previousLineText, previousLineText),
  );
  return rule?.action.indent;
}

test('comments and brackets', () => {
  assert.equal(configuration.comments.lineComment, '#');
  assert.deepEqual(configuration.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
  const pairs = configuration.autoClosingPairs.map((pair) => pair.open + pair.close);
  for (const pair of ['{}', '[]', '()', '""', "''"]) {
    assert.ok(pairs.includes(pair), `${pair} closes itself`);
  }
});

const cases: Array<{ name: string; previous: string; before: string; expected: string | undefined }> = [
  { name: 'first continued line indents', previous: 'FROM alpine', before: 'RUN apk add \\', expected: 'indent' },
  { name: 'a continued line keeps the indent', previous: 'RUN apk add \\', before: '    curl \\', expected: 'none' },
  { name: 'the last line of the instruction outdents', previous: '    curl \\', before: '    git', expected: 'outdent' },
  { name: 'trailing spaces after the escape still continue', previous: 'FROM alpine', before: 'RUN make \\   ', expected: 'indent' },
  { name: 'the backtick escape indents', previous: '# escape=`', before: 'RUN powershell -Command `', expected: 'indent' },
  { name: 'a backtick-continued line keeps the indent', previous: 'RUN powershell -Command `', before: '    Get-Item C:\\ `', expected: 'none' },
  { name: 'a comment inside the instruction keeps the indent', previous: 'RUN apk add \\', before: '    # the tools', expected: undefined },
  { name: 'a continued line after a comment keeps the indent', previous: '    # the tools', before: '    curl \\', expected: 'none' },
  { name: 'an ONBUILD trigger indents', previous: 'FROM alpine', before: 'onbuild run make \\', expected: 'indent' },
  { name: 'a shell command named like an instruction keeps the indent', previous: 'RUN set -e; \\', before: '    env FOO=1 make \\', expected: 'none' },
  { name: 'a word that starts like an instruction is not one', previous: 'RUN set -e; \\', before: '    add-apt-repository ppa:x \\', expected: 'none' },
  { name: 'a plain instruction does nothing', previous: 'FROM alpine', before: 'RUN make', expected: undefined },
  { name: 'a comment ending in a backslash does not continue', previous: 'FROM alpine', before: '# see C:\\', expected: undefined },
  { name: 'a command substitution ending in a backtick does not continue', previous: 'FROM alpine', before: 'RUN echo `uname -m`', expected: undefined },
];

for (const { name, previous, before, expected } of cases) {
  test(`on Enter: ${name}`, () => {
    assert.equal(onEnter(previous, before), expected);
  });
}
