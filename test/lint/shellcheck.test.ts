import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import type { Finding } from '../../server/dockerfile/lint';
import { shellcheckDockerfile, shellcheckDockerfiles, type ShellcheckOptions } from '../../server/dockerfile/lint/shellcheck';
import '../support/shellParser';

const installed = spawnSync('shellcheck', ['--version']).status === 0;

function check(text: string, options?: ShellcheckOptions): Promise<Finding[]> {
  return shellcheckDockerfile({ text, dockerfile: DockerfileParser.parse(text) }, options);
}

/** `SC2086@2:10-2:12`: code and 1-based start and end positions. */
function located(findings: Finding[]): string[] {
  return findings.map(
    (finding) => `${finding.code}@${finding.range.start.line + 1}:${finding.range.start.character + 1}-${finding.range.end.line + 1}:${finding.range.end.character + 1}`,
  );
}

describe('ShellCheck over RUN', { skip: installed ? false : 'shellcheck is not installed' }, () => {
  const cases: [string, string, string[]][] = [
    ['one line', 'FROM a\nRUN echo $1\n', ['SC2086@2:10-2:12']],
    ['through a continuation and a comment line', 'FROM a\nRUN true \\\n  # note\n  && echo $1\n', ['SC2086@4:11-4:13']],
    ['an emoji is two UTF-16 code units', "FROM a\nRUN echo '🐳' $1\n", ['SC2086@2:15-2:17']],
    ['a tab counts as one column', 'FROM a\nRUN echo\t$1\n', ['SC2086@2:10-2:12']],
    ['a heredoc script', 'FROM a\nRUN <<EOF\nset -e\necho $1\nEOF\n', ['SC2086@4:6-4:8']],
    ['a heredoc read by bash', 'FROM a\nRUN bash <<EOF\necho $1\nEOF\n', ['SC2086@3:6-3:8']],
    ['a second heredoc on the line, read by bash', 'FROM a\nRUN cat <<A >/a && bash <<B\nx $1\nA\necho $1\nB\n', ['SC2086@5:6-5:8']],
    ['a heredoc that is data is not a script', 'FROM a\nRUN cat <<EOF > /f\necho $1\nEOF\n', []],
    ['the shell from SHELL', 'FROM a\nSHELL ["/bin/bash", "-c"]\nRUN [[ -n "$1" ]] && echo ok\n', []],
    ['the default shell is sh', 'FROM a\nRUN [[ -n "$1" ]] && echo ok\n', ['SC3010@2:5-2:18']],
    ['ARG and ENV names are exported', 'FROM a\nARG version\nENV home=/h\nRUN echo "$version" "$home"\n', []],
    ['undeclared names are reported', 'FROM a\nRUN echo "$version"\n', ['SC2154@2:11-2:19']],
    ['exec form is left alone', 'FROM a\nRUN ["sh", "-c", "echo $1"]\n', []],
    ['suppressed by a hadolint comment', 'FROM a\n# hadolint ignore=SC2086\nRUN echo $1\n', []],
  ];
  for (const [title, text, expected] of cases) {
    test(title, async () => {
      const findings = await check(text);
      assert.deepEqual(located(findings), expected);
      assert.ok(findings.every((finding) => finding.source === 'shellcheck' && finding.href?.endsWith(finding.code)));
    });
  }
  test('a code turned off by setting', async () => {
    assert.deepEqual(await check('FROM a\nRUN echo $1\n', { rules: { SC2086: 'off' } }), []);
  });
  test('Dockerfiles checked in one batch, over several processes, each get what they get alone', async () => {
    const inputs = cases.map(([, text]) => ({ text, dockerfile: DockerfileParser.parse(text) }));
    const batched = await shellcheckDockerfiles(inputs, { concurrency: 2, scriptsPerProcess: 3 });
    assert.deepEqual(batched.map(located), cases.map(([, , expected]) => expected));
  });
  test('a script ShellCheck fails on costs only its own file\'s findings', async () => {
    // A ShellCheck that crashes when one of its files holds CRASH, as a real one might on some input.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-test-'));
    const executable = path.join(folder, 'shellcheck');
    fs.writeFileSync(executable, '#!/bin/sh\nif grep -qs -e CRASH -- "$@"; then exit 3; fi\nexec shellcheck "$@"\n', { mode: 0o755 });
    try {
      const texts = ['FROM a\nRUN echo $1\n', 'FROM a\nRUN echo CRASH $1\n', 'FROM a\nRUN echo x\nRUN echo $2\n'];
      const notices: string[] = [];
      const batched = await shellcheckDockerfiles(
        texts.map((text) => ({ text, dockerfile: DockerfileParser.parse(text) })),
        { executable, onUnavailable: (message) => notices.push(message) },
      );
      assert.deepEqual(batched.map(located), [['SC2086@2:10-2:12'], [], ['SC2086@3:10-3:12']]);
      assert.equal(notices.length, 1);
      assert.match(notices[0], /^ShellCheck failed \(exit code 3\)/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

test('without ShellCheck: no findings and one notice', async () => {
  const notices: string[] = [];
  const options: ShellcheckOptions = { executable: 'dockside-test-no-such-shellcheck', onUnavailable: (message) => notices.push(message) };
  assert.deepEqual(await check('FROM a\nRUN echo $1\n', options), []);
  assert.deepEqual(await check('FROM a\nRUN echo $2\n', options), []);
  assert.equal(notices.length, 1);
  assert.match(notices[0], /ShellCheck is not available/);
});
