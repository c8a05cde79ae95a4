/** Test helpers: lint a text, apply a fix's edits. */
import { DockerfileParser } from 'dockerfile-ast';
import { TextIndex } from '../../server/dockerfile/lint/textIndex';
import '../support/shellParser';
import { lintDockerfile, type Finding, type LintSettings, type QuickFix } from '../../server/dockerfile/lint';

export function lint(text: string, settings?: LintSettings, dockerignore?: string[]): Finding[] {
  return lintDockerfile({ text, dockerfile: DockerfileParser.parse(text), settings, dockerignore });
}

export function applyFix(text: string, fix: QuickFix): string {
  const index = new TextIndex(text);
  const edits = fix.edits
    .map((edit) => ({ start: index.offsetAt(edit.range.start), end: index.offsetAt(edit.range.end), text: edit.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of edits) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}
