import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { lintDockerfile, lintSettingsFromConfiguration, mergeLintSettings, renderRulesMarkdown, ruleDocumentation, RULES, settingsFromHadolintConfig, suppressionFixes } from '../../server/dockerfile/lint';
import { TextIndex } from '../../server/dockerfile/lint/textIndex';
import { parseShell } from '../../server/dockerfile/lint/shell/parse';
import { shellSourceOf } from '../../server/dockerfile/lint/shell/source';
import { applyFix, lint } from './lintText';

const root = path.resolve(import.meta.dirname, '..', '..');
const codes = (text: string, ...args: Parameters<typeof lint> extends [string, ...infer Rest] ? Rest : never) => lint(text, ...args).map((finding) => finding.code);

describe('suppression comments', () => {
  const bad = 'FROM debian\n';
  const cases: [string, string, boolean][] = [
    ['no comment', bad, true],
    ['hadolint ignore (hadolint code)', '# hadolint ignore=DL3006\nFROM debian\n', false],
    ['hadolint global ignore', '# hadolint global ignore=DL3006\nFROM alpine:3\nFROM debian\n', false],
    ['check=skip (BuildKit name of another rule)', '# check=skip=FromAsCasing\nFROM debian\n', true],
    ['check=skip=all', '# check=skip=all\nFROM debian\n', false],
    ['dockside-ignore by name', '# dockside-ignore untagged-image\nFROM debian\n', false],
    ['dockside-ignore-file by code', 'FROM alpine:3\n# dockside-ignore-file DS201\nFROM debian\n', false],
    ['ignore applies to the next instruction only', '# dockside-ignore DS201\nFROM alpine:3\nFROM debian\n', true],
  ];
  for (const [title, text, reported] of cases) {
    test(title, () => assert.equal(codes(text).includes('DS201'), reported));
  }
  test('check=skip with a BuildKit name', () => {
    assert.ok(codes('FROM alpine:3 as b\n').includes('DS101'));
    assert.ok(!codes('# check=skip=FromAsCasing\nFROM alpine:3 as b\n').includes('DS101'));
  });
  test("check=error=true makes BuildKit's checks errors, as the build then fails on them", () => {
    const text = 'FROM debian as b\nMAINTAINER me\n';
    const severities = (directive: string, settings?: Parameters<typeof lint>[1]) =>
      Object.fromEntries(lint(`${directive}\n${text}`, settings).map((finding) => [finding.code, finding.severity]));
    assert.deepEqual(severities('# syntax=docker/dockerfile:1'), { DS101: 'warning', DS108: 'warning', DS201: 'warning' });
    // DS201 (hadolint's DL3006) is not a BuildKit check: it keeps its severity.
    assert.deepEqual(severities('# check=error=true'), { DS101: 'error', DS108: 'error', DS201: 'warning' });
    assert.deepEqual(severities('# check=skip=MaintainerDeprecated;error=TRUE'), { DS101: 'error', DS201: 'warning' });
    assert.deepEqual(severities('# check=error=false'), { DS101: 'warning', DS108: 'warning', DS201: 'warning' });
    // A check turned off stays off; one given another severity still fails the build.
    assert.deepEqual(severities('# check=error=true', { rules: { DS108: 'off', DS101: 'info' } }), { DS101: 'error', DS201: 'warning' });
  });
});

describe('suppression quick fixes', () => {
  for (const [title, text] of [
    ['plain file', 'FROM debian\nRUN true\n'],
    ['after a parser directive', '# syntax=docker/dockerfile:1\nFROM debian\n'],
  ]) {
    test(`ignore on this line and in this file silence the finding (${title})`, () => {
      const finding = lint(text).find((item) => item.code === 'DS201')!;
      const [line, file] = suppressionFixes(text, DockerfileParser.parse(text), finding);
      assert.ok(!codes(applyFix(text, line)).includes('DS201'));
      assert.ok(!codes(applyFix(text, file)).includes('DS201'));
      assert.ok(applyFix(text, file).startsWith(text.startsWith('# syntax') ? '# syntax=docker/dockerfile:1\n# dockside-ignore-file DS201\n' : '# dockside-ignore-file DS201\n'));
    });
  }
  test('a second rule joins the existing comment', () => {
    const text = '# dockside-ignore DS201\nFROM debian as b\n';
    const finding = lint(text).find((item) => item.code === 'DS101')!;
    const fixed = applyFix(text, suppressionFixes(text, DockerfileParser.parse(text), finding)[0]);
    assert.equal(fixed, '# dockside-ignore DS201 DS101\nFROM debian as b\n');
    assert.deepEqual(codes(fixed), []);
  });
});

describe('settings', () => {
  test('per-rule severity and off, by any alias', () => {
    assert.equal(lint('FROM debian\n', { rules: { DL3006: 'error' } })[0].severity, 'error');
    assert.deepEqual(codes('FROM debian\n', { rules: { 'untagged-image': 'off' } }), []);
  });
  test('.hadolint.yaml maps to settings', () => {
    const config = settingsFromHadolintConfig(
      'ignored: [DL3006, SC2086]\noverride:\n  error: [DL3007]\ntrustedRegistries: [docker.io]\nlabel-schema:\n  version: semver\nfailure-threshold: warning\n',
    );
    assert.deepEqual(config.problems, []);
    assert.equal(config.failureThreshold, 'warning');
    assert.deepEqual(config.shellcheckRules, { SC2086: 'off' });
    assert.deepEqual(config.settings, { rules: { DS201: 'off', DS202: 'error' }, trustedRegistries: ['docker.io'], labelSchema: { version: 'semver' } });
    const findings = lint('FROM debian\nFROM quay.io/a/b:latest\n', config.settings);
    assert.deepEqual(findings.map((finding) => [finding.code, finding.severity]), [['DS208', 'info'], ['DS206', 'warning'], ['DS202', 'error']]);
  });
  test('editor settings are checked value by value and win over .hadolint.yaml', () => {
    const editor = lintSettingsFromConfiguration({
      rules: { 'latest-tag': 'off', FromAsCasing: 'error', DL9999: 'warning', DL3006: 'loud', SC2086: 'off' },
      trustedRegistries: ['ghcr.io', 3],
      labelSchema: { version: 'semver', other: 'colour' },
    });
    assert.equal(editor.problems.length, 3);
    assert.deepEqual(editor.settings, { rules: { DS202: 'off', DS101: 'error', SC2086: 'off' }, trustedRegistries: ['ghcr.io'], labelSchema: { version: 'semver' } });
    const file = settingsFromHadolintConfig('ignored: [DL3006]\noverride:\n  warning: [DL3007]\ntrustedRegistries: [docker.io]\n').settings;
    assert.deepEqual(mergeLintSettings(file, editor.settings), {
      rules: { DS201: 'off', DS202: 'off', DS101: 'error', SC2086: 'off' },
      trustedRegistries: ['ghcr.io'],
      labelSchema: { version: 'semver' },
    });
  });
  test('bad configuration is reported, the rest applies', () => {
    const config = settingsFromHadolintConfig('ignored: [DL9999, DL3006]\nfailure-threshold: loud\n');
    assert.equal(config.problems.length, 2);
    assert.deepEqual(config.settings.rules, { DS201: 'off' });
    assert.equal(settingsFromHadolintConfig('ignored: [').problems.length, 1);
  });
});

describe('RUN scripts reach the shell parser as the builder passes them', () => {
  const commandsOf = (text: string) => {
    const dockerfile = DockerfileParser.parse(text);
    const run = dockerfile.getInstructions().find((instruction) => instruction.getKeyword() === 'RUN')!;
    const index = new TextIndex(text);
    const script = parseShell(shellSourceOf(run, index, dockerfile.getEscapeCharacter())!);
    return script.commands.map((command) => `${command.name}@${index.positionAt(command.start).line}:${index.positionAt(command.start).character}`);
  };
  const cases: [string, string, string[]][] = [
    ['continuations and a comment line', 'FROM a\nRUN apt-get update \\\n  # note\n  && apt-get install -y x\n', ['apt-get@1:4', 'apt-get@3:5']],
    ['backtick escape', '# escape=`\nFROM a\nRUN echo a `\n  && ls C:\\x\n', ['echo@2:4', 'ls@3:5']],
    ['heredoc script', 'FROM a\nRUN <<EOF\nset -e\napk add x\nEOF\n', ['set@2:0', 'apk@3:0']],
    ['bash reading a heredoc', 'FROM a\nRUN bash <<EOF\ncurl x | tar -x\nEOF\n', ['bash@1:4', 'curl@2:0', 'tar@2:9']],
    ['heredoc as data is not run', 'FROM a\nRUN cat <<EOF > /f\nsudo x\nEOF\n', ['cat@1:4']],
    ['quoted operators, subshells and substitutions', "FROM a\nRUN echo 'a && b' && (cd /x; make) || $(which true)\n", ['echo@1:4', 'cd@1:22', 'make@1:29', '$(which true)@1:38', 'which@1:40']],
    ['non-ASCII text before a command', "FROM a\nRUN echo 'größe 🐳' && make\n", ['echo@1:4', 'make@1:23']],
    ['an escaped escape at the end of a line does not continue it', 'FROM a\nRUN echo C:\\\\\nRUN make\n', ['echo@1:4']],
    ['flags before the script', 'FROM a\nRUN --mount=type=cache,target=/c --network=none make\n', ['make@1:48']],
    ['exec form is not a shell script', 'FROM a\nRUN ["make"]\n', []],
  ];
  for (const [title, text, expected] of cases) {
    test(title, () => {
      if (expected.length === 0) {
        const dockerfile = DockerfileParser.parse(text);
        const run = dockerfile.getInstructions()[1];
        assert.equal(shellSourceOf(run, new TextIndex(text), '\\'), undefined);
        return;
      }
      assert.deepEqual(commandsOf(text), expected);
    });
  }
  test('a script that does not parse yields no shell findings and no crash', () => {
    assert.deepEqual(codes('FROM debian:12\nRUN echo $( && sudo x\n'), []);
  });
});

describe('documentation', () => {
  test('docs/rules.md is generated from the registry', () => {
    assert.equal(fs.readFileSync(path.join(root, 'docs', 'rules.md'), 'utf8'), renderRulesMarkdown(), 'run `npm run docs:rules`');
  });
  test('the README counts the rules there are', () => {
    assert.match(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), new RegExp(`\\*\\*Linter\\*\\*: ${RULES.length} rules`));
  });
  test('hover text exists for every code, and rule findings carry no web link of their own', () => {
    const finding = lint('FROM debian\n')[0];
    assert.equal(finding.href, undefined, 'the project has no public page: links go to the shipped document');
    assert.match(ruleDocumentation(finding.code)!, /DL3006/);
    assert.match(ruleDocumentation('DL3006')!, /untagged-image/);
    assert.match(ruleDocumentation('SC2086')!, /ShellCheck/);
    assert.equal(ruleDocumentation('nope'), undefined);
  });
});

describe('a rule that throws', () => {
  test('is reported with its error, and every other rule still reports', () => {
    const rule = RULES.find((candidate) => candidate.code === 'DS108')!;
    const check = rule.check;
    rule.check = () => {
      throw new Error('unforeseen input');
    };
    try {
      const failures: [string, unknown][] = [];
      const text = 'MAINTAINER someone\nFROM debian\n';
      const findings = lintDockerfile({ text, dockerfile: DockerfileParser.parse(text), onRuleError: (failed, error) => failures.push([failed.code, error]) });
      assert.deepEqual(failures.map(([code, error]) => [code, (error as Error).message]), [['DS108', 'unforeseen input']]);
      assert.ok(findings.some((finding) => finding.code === 'DS201'), 'the untagged FROM is still reported');
      assert.ok(!findings.some((finding) => finding.code === 'DS108'));
    } finally {
      rule.check = check;
    }
  });
});
