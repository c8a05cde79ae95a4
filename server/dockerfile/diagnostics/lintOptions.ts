/** The lint settings of one document: its hadolint configuration under the editor's settings, as `dockside-lint` merges them. */
import { mergeLintSettings, type RuleSetting } from '../lint';
import type { DocumentLintFiles } from '../project/documentLintFiles';
import type { DockerfileSettings } from '../../settings';
import type { LintOptions } from './compute';

export interface DocumentLintOptions extends LintOptions {
  /** Settings of ShellCheck codes (`SC2086`), from the configuration file and then the editor. */
  shellcheckRules: Record<string, RuleSetting>;
}

export function documentLintOptions(settings: DockerfileSettings, files: DocumentLintFiles): DocumentLintOptions {
  const merged = mergeLintSettings(files.hadolint?.settings ?? {}, settings.lint);
  const shellcheckRules: Record<string, RuleSetting> = { ...files.hadolint?.shellcheckRules };
  for (const [code, setting] of Object.entries(settings.lint.rules ?? {})) {
    if (/^SC\d+$/.test(code)) {
      shellcheckRules[code] = setting;
    }
  }
  return { settings: merged, dockerignore: files.dockerignore, shellcheckRules };
}
