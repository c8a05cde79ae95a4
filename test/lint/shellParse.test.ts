/**
 * The shell parser's model of a RUN: commands with their words' values and exact Dockerfile positions, pipes with
 * their producers, heredoc scripts. Includes the places where tree-sitter-bash alone would read a script
 * differently from bash.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { parseShell, type ShellScript } from '../../server/dockerfile/lint/shell/parse';
import { shellSourceOf } from '../../server/dockerfile/lint/shell/source';
import { TextIndex } from '../../server/dockerfile/lint/textIndex';
import '../support/shellParser';

function parseRun(text: string): { script: ShellScript; at: (offset: number) => string } {
  const dockerfile = DockerfileParser.parse(text);
  const run = dockerfile.getInstructions().find((instruction) => instruction.getKeyword() === 'RUN')!;
  const index = new TextIndex(text);
  const script = parseShell(shellSourceOf(run, index, dockerfile.getEscapeCharacter())!);
  return { script, at: (offset) => `${index.positionAt(offset).line}:${index.positionAt(offset).character}` };
}

/** Each command as `name arg…`, with `?` for a word whose value depends on an expansion. */
function commands(text: string): string[] {
  return parseRun(text).script.commands.map((command) => command.words.map((word) => word.value ?? '?').join(' '));
}

describe('words and commands', () => {
  const cases: [string, string, string[]][] = [
    ['quotes are removed, expansions leave no value', 'FROM a\nRUN echo \'a b\' "c\\$d" x\\ y "$v" pre-$v-post $\'e\'\n', ['echo a b c$d x y ? ? e']],
    ['a URL built from two variables is one word', 'FROM a\nRUN curl -O https://x/$v/name-$v-linux.tgz -f\n', ['curl -O ? -f']],
    ['`[` is a command, `[[` is not', 'FROM a\nRUN [ -z "$a" ] && [[ -f b ]] && test -f c\n', ['[ -z ? ]', 'test -f c']],
    ['`time` and `! { …; }` are not commands', 'FROM a\nRUN time -p make all && ! { ldd x | grep y; }\n', ['make all', 'ldd x', 'grep y']],
    ['words after a redirect belong to the command', 'FROM a\nRUN test -z x && echo >&2 "no x" && exit 1\n', ['test -z x', 'echo no x', 'exit 1']],
    ['assignments, export and unset', 'FROM a\nRUN A=1 B=$(uname -m) make && export C=$(id -u) && unset C\n', ['uname -m', 'make', 'id -u', 'unset C']],
    ['commands in case subjects, loops, functions and process substitutions', 'FROM a\nRUN case "$(dpkg --print-architecture)" in amd64) f() { g; };; esac; for k in $(ls); do diff <(a) b; done\n', ['dpkg --print-architecture', 'g', 'ls', 'diff ? b', 'a']],
    ['a heredoc fed to cat is data', 'FROM a\nRUN cat <<EOF > /etc/x && chmod 600 /etc/x\nsudo rm -rf /\n$(reboot)\nEOF\n', ['cat', 'chmod 600 /etc/x']],
  ];
  for (const [title, text, expected] of cases) {
    test(title, () => assert.deepEqual(commands(text), expected));
  }

  test('positions are Dockerfile positions, through continuations and non-ASCII text', () => {
    const { script, at } = parseRun('FROM a\nRUN echo "größe 🐳" \\\n    && make \\\n   -j2\n');
    assert.deepEqual(
      script.commands.map((command) => command.words.map((word) => `${word.raw}@${at(word.start)}-${at(word.end)}`)),
      [['echo@1:4-1:8', '"größe 🐳"@1:9-1:19'], ['make@2:7-2:11', '-j2@3:3-3:6']],
    );
  });
});

describe('pipes', () => {
  test('each pipe has the command on its left as producer, in order', () => {
    const { script, at } = parseRun('FROM a\nRUN curl -s x | gpg --dearmor | tee /k > /dev/null && ! a 2>&1 |& b\n');
    assert.deepEqual(
      script.pipes.map((pipe) => `${pipe.producer}@${at(pipe.start)}-${at(pipe.end)}`),
      ['curl@1:13-1:16', 'gpg@1:29-1:32', 'a@1:62-1:66'],
    );
  });
  test('a heredoc command piped into another', () => {
    const { script } = parseRun('FROM a\nRUN cat <<EOF | sh\necho hi\nEOF\n');
    assert.deepEqual(script.pipes.map((pipe) => pipe.producer), ['cat']);
  });
});

describe('heredocs', () => {
  test('RUN <<EOF: the body is the script', () => {
    const { script, at } = parseRun('FROM a\nRUN <<EOF\nset -e\napk add x\nEOF\n');
    assert.equal(script.onlyHeredocScript, true);
    assert.deepEqual(script.heredocScripts.map((body) => body.script), ['set -e\napk add x\n']);
    assert.deepEqual(script.commands.map((command) => `${command.name}@${at(command.start)}`), ['set@2:0', 'apk@3:0']);
  });
  test('RUN <<EOT bash -ex: the shell after the heredoc operator runs the body', () => {
    const { script, at } = parseRun('FROM a\nRUN <<EOT bash -ex && echo done\n  apt-get update\nEOT\n');
    assert.equal(script.onlyHeredocScript, false);
    assert.deepEqual(script.commands.map((command) => `${command.words.map((word) => word.raw).join(' ')}@${at(command.start)}-${at(command.end)}`), [
      'bash -ex@1:10-1:18',
      'echo done@1:22-1:31',
      'apt-get update@2:2-2:16',
    ]);
  });
  test('<<- bodies keep their tabs, and a script read by sh -c is not a heredoc script', () => {
    assert.deepEqual(parseRun('FROM a\nRUN sh <<-EOF\n\tls\n\tEOF\n').script.heredocScripts.map((body) => body.script), ['\tls\n']);
    assert.deepEqual(parseRun('FROM a\nRUN sh -c "x" <<EOF\nls\nEOF\n').script.heredocScripts, []);
  });
  test('two heredocs on one line: every command of the line is read, at its place', () => {
    const { script, at } = parseRun('FROM a\nRUN cat <<A > /a && cat <<-"B" > /b && apt-get install curl\nx <<C\nA\n\ty\n\tB\nRUN echo after\n');
    assert.equal(script.parsed, true);
    assert.deepEqual(script.commands.map((command) => `${command.words.map((word) => word.value).join(' ')}@${at(command.start)}-${at(command.end)}`), [
      'cat@1:4-1:7',
      'cat@1:20-1:23',
      'apt-get install curl@1:39-1:59',
    ]);
  });
  test('two heredocs on one line: a later body that a shell reads is a script too', () => {
    const { script, at } = parseRun('FROM a\nRUN cat <<A >/a && LANG=C bash -e <<-B && sh -c "x" <<C\nx\nA\n\tapk add y\n\tB\nnot a script\nC\n');
    assert.deepEqual(script.heredocScripts.map((body) => body.script), ['\tapk add y\n']);
    assert.deepEqual(script.commands.map((command) => `${command.name}@${at(command.start)}`), ['cat@1:4', 'bash@1:26', 'sh@1:42', 'apk@4:1']);
  });
  test('RUN <<A <<B: the first body is the script', () => {
    const { script } = parseRun('FROM a\nRUN <<A <<B\napk add x\nA\nsome data\nB\n');
    assert.deepEqual(script.heredocScripts.map((body) => body.script), ['apk add x\n']);
    assert.deepEqual(commands('FROM a\nRUN <<A <<B\napk add x\nA\nsome data\nB\n'), ['apk add x']);
  });
  test('a thousand heredoc operators on a line: each command read once, at most 8 later bodies parsed', () => {
    const text = `FROM a\nRUN bash ${'<<A '.repeat(1000)}\n${'apk add x\nA\n'.repeat(1000)}`;
    const { script } = parseRun(text);
    assert.equal(script.parsed, true);
    assert.equal(script.heredocScripts.length, 1 + 8);
    assert.deepEqual(new Set(script.commands.map((command) => command.name)), new Set(['bash', 'apk']));
  });
  test('a here-string and arithmetic shifts are not heredocs', () => {
    assert.deepEqual(commands('FROM a\nRUN cat <<<"$x" && echo $((1<<2)) && cat <<A && cat <<B\na\nA\nb\nB\n'), ['cat', 'echo ?', 'cat', 'cat']);
  });
});

describe('scripts that do not parse', () => {
  for (const [title, text] of [
    ['an unclosed substitution', 'FROM a\nRUN echo $( && sudo x\n'],
    ['an unclosed if', 'FROM a\nRUN if true; then make\n'],
    ['an unclosed quote', 'FROM a\nRUN echo "a && sudo b\n'],
  ]) {
    test(title, () => {
      const { script } = parseRun(text);
      assert.equal(script.parsed, false);
      assert.deepEqual(script.commands, []);
    });
  }
});

test('linting before the parser is loaded fails loudly', () => {
  const root = path.resolve(__dirname, '../..');
  const script =
    "const { parseShell } = require('./server/dockerfile/lint/shell/parse'); const { OffsetMap } = require('./server/dockerfile/lint/shell/offsetMap'); parseShell({ script: 'ls', offsets: OffsetMap.shifted(2, 0) });";
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /The shell parser is not loaded: await initShellParser\(\) before linting/);
});
