/**
 * Rule documentation: the hover text and docs/rules.md. Links to it are made where the document is known to be
 * (project/rulesDocument.ts): the project has no public address for it.
 */
import type { Rule } from './rule';
import { RULES, ruleByCode } from './registry';
import { SYNTAX_CHECK } from './syntaxCheck';

/** Markdown for a hover on a finding: title, severity, aliases, description. Undefined for unknown codes. */
export function ruleDocumentation(code: string): string | undefined {
  if (code.toUpperCase() === SYNTAX_CHECK.code) {
    return `**${SYNTAX_CHECK.code} ${SYNTAX_CHECK.name}**: ${SYNTAX_CHECK.title}\n\n${SYNTAX_CHECK.description}`;
  }
  const rule = ruleByCode(code);
  if (!rule) {
    return /^SC\d+$/i.test(code)
      ? `**${code.toUpperCase()}** (ShellCheck): see https://www.shellcheck.net/wiki/${code.toUpperCase()}`
      : undefined;
  }
  return `**${rule.code} ${rule.name}**: ${rule.title}\n\n${rule.description}\n\n${aliasLine(rule)}`.trim();
}

function aliasLine(rule: Rule): string {
  const names = [
    ...(rule.hadolint ?? []).map((code) => `hadolint \`${code}\``),
    ...(rule.buildkit ? [`BuildKit \`${rule.buildkit}\``] : []),
  ];
  return names.length > 0 ? `Also known as ${names.join(', ')}.` : '';
}

/** The whole of docs/rules.md, generated from the registry (a test keeps the committed file in step). */
export function renderRulesMarkdown(): string {
  const lines = [
    '# Dockerfile rules',
    '',
    '<!-- Generated from server/dockerfile/lint/registry.ts by `npm run docs:rules`; do not edit by hand. -->',
    '',
    'Every rule has a stable code and name. Settings (`dockside.dockerfile.rules`), `.hadolint.yaml` and the',
    'suppression comments accept the code, the name, the hadolint code or the BuildKit check name alike.',
    '',
    '| Code | Name | Title | Default | hadolint | BuildKit |',
    '| --- | --- | --- | --- | --- | --- |',
    ...RULES.map(
      (rule) =>
        `| [${rule.code}](#${rule.code.toLowerCase()}) | \`${rule.name}\` | ${rule.title} | ${rule.enabledByDefault === false ? 'off' : rule.severity} | ${(rule.hadolint ?? []).join(', ')} | ${rule.buildkit ?? ''} |`,
    ),
    '',
    '## From other linters\' names',
    '',
    '| hadolint | Dockside |',
    '| --- | --- |',
    ...RULES.flatMap((rule) => (rule.hadolint ?? []).map((code) => [code, rule] as const))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, rule]) => `| ${code} | [${rule.code}](#${rule.code.toLowerCase()}) \`${rule.name}\` |`),
    '',
    'hadolint\'s DL3043 (`ONBUILD` of `FROM`, `MAINTAINER` or `ONBUILD`) and DL3061 (an instruction other than `ARG` before',
    'the first `FROM`) are build errors: the validator reports them as errors, which no setting turns off.',
    '',
    'ShellCheck codes (`SC…`) in `# hadolint ignore=…` and `.hadolint.yaml` apply to the ShellCheck findings.',
    '',
    '| BuildKit check | Dockside |',
    '| --- | --- |',
    ...RULES.filter((rule) => rule.buildkit)
      .sort((a, b) => a.buildkit!.localeCompare(b.buildkit!))
      .map((rule) => `| ${rule.buildkit} | [${rule.code}](#${rule.code.toLowerCase()}) \`${rule.name}\` |`),
    '',
    '## Suppressing a finding',
    '',
    '| Comment | Scope |',
    '| --- | --- |',
    '| `# dockside-ignore DS301 apt-get-no-recommends` | the next instruction |',
    '| `# dockside-ignore-file DS301` | the whole file |',
    '| `# hadolint ignore=DL3008,SC2086` | the next instruction |',
    '| `# hadolint global ignore=DL3008` | the whole file |',
    '| `# check=skip=JSONArgsRecommended` (parser directive, first lines) | the whole file (`skip=all`: every rule) |',
    '',
    'ShellCheck findings keep their `SC` codes and are suppressed the same way.',
    '',
    'BuildKit\'s `# check=error=true` (with or without `skip=…`) makes the findings of BuildKit\'s checks, the rules with a',
    'BuildKit name, errors whatever their settings: the build fails on them. A rule turned off stays off.',
    '',
    '## The shell of RUN',
    '',
    'Shell-level rules and ShellCheck read each shell-form `RUN` as its shell receives it: line continuations joined,',
    'comment lines inside them dropped, heredoc scripts (`RUN <<EOF`, `bash <<EOF`) read as scripts. The shell is the',
    'stage\'s `SHELL`, else the parent stage\'s, else `cmd` for Windows base images and `/bin/sh` otherwise; when the base',
    'image sets another shell, say so with `# hadolint shell=powershell`. RUNs in non-POSIX shells are left alone.',
    '',
    '## What the builder cannot read',
    '',
    `### ${SYNTAX_CHECK.code}`,
    '',
    `**${SYNTAX_CHECK.name}**: ${SYNTAX_CHECK.title} (error)`,
    '',
    SYNTAX_CHECK.description,
    '',
    '## Rules',
    '',
  ];
  for (const rule of RULES) {
    lines.push(`### ${rule.code}`, '', `**${rule.name}**: ${rule.title} (default: ${rule.enabledByDefault === false ? 'off' : rule.severity})`, '', rule.description, '');
    const aliases = aliasLine(rule);
    if (aliases) {
      lines.push(aliases, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
