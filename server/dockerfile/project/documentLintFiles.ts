/**
 * For the language server: the hadolint configuration and `.dockerignore` of each open Dockerfile, read once and
 * kept until the client reports a change to one of those files (workspace/didChangeWatchedFiles).
 */
import * as path from 'node:path';
import { filePath } from '../../fileUri';
import { findHadolintConfig, readDockerignore, readHadolintConfig, type HadolintConfigFile } from './lintFiles';

/** Glob patterns of the files whose changes make a document's lint result stale. */
export const WATCHED_LINT_FILES = ['**/.hadolint.{yaml,yml}', '**/.dockerignore', '**/*.dockerignore'];

export interface DocumentLintFiles {
  /** The configuration that applies, or undefined when there is none (or the document is not a file). */
  hadolint?: HadolintConfigFile;
  /** `.dockerignore` patterns of the document's build context. */
  dockerignore?: string[];
}

export type ProblemReporter = (message: string) => void;

export class DocumentLintFilesCache {
  private readonly byDocument = new Map<string, DocumentLintFiles>();
  private readonly configs = new Map<string, HadolintConfigFile | undefined>();
  private workspaceFolders: string[] = [];

  constructor(private readonly report: ProblemReporter) {}

  /** Workspace folders (`file:` URIs); a configuration is looked for from a document's folder up to its workspace folder. */
  setWorkspaceFolders(uris: readonly string[]): void {
    this.workspaceFolders = uris.map(filePath).filter((folder): folder is string => folder !== undefined);
    this.clear();
  }

  get(uri: string): DocumentLintFiles {
    let files = this.byDocument.get(uri);
    if (!files) {
      files = this.read(uri);
      this.byDocument.set(uri, files);
    }
    return files;
  }

  forget(uri: string): void {
    this.byDocument.delete(uri);
  }

  /** Everything is read again on next use (a watched file changed). */
  clear(): void {
    this.byDocument.clear();
    this.configs.clear();
  }

  private read(uri: string): DocumentLintFiles {
    const file = filePath(uri);
    if (!file) {
      return {};
    }
    const folder = path.dirname(file);
    const configPath = findHadolintConfig(folder, this.workspaceFolderOf(file));
    return { hadolint: configPath === undefined ? undefined : this.config(configPath), dockerignore: readDockerignore(file) };
  }

  private config(file: string): HadolintConfigFile | undefined {
    if (!this.configs.has(file)) {
      let config: HadolintConfigFile | undefined;
      try {
        config = readHadolintConfig(file);
        for (const problem of config.problems) {
          this.report(`${file}: ${problem}`);
        }
      } catch (error) {
        this.report(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      this.configs.set(file, config);
    }
    return this.configs.get(file);
  }

  /** The innermost workspace folder holding `file`. */
  private workspaceFolderOf(file: string): string | undefined {
    return this.workspaceFolders
      .filter((folder) => {
        const relative = path.relative(folder, file);
        return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
      })
      .sort((a, b) => b.length - a.length)[0];
  }
}
