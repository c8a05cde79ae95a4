/**
 * Which paths of a build context are sent to the engine, by the `.dockerignore` rules
 * (`@balena/dockerignore`, the Docker CLI's matching semantics). Pure.
 */
import dockerignore from '@balena/dockerignore';

export interface ContextFilter {
  /**
   * True when a context-relative POSIX path is excluded. `isDirectory` lets a directory that is excluded
   * but has re-included (`!`) paths below it still be walked.
   */
  excludes(relativePath: string, isDirectory: () => boolean): boolean;
}

export function parseDockerignore(content: string): string[] {
  return content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The Dockerfile and `.dockerignore` are always sent (the engine needs them), as the CLI does, even when
 * the rules exclude them.
 */
export function createContextFilter(dockerignoreContent: string | undefined, dockerfilePath: string): ContextFilter {
  const patterns = parseDockerignore(dockerignoreContent ?? '');
  const rules = dockerignore({ ignorecase: false }).add(patterns);
  const reincludes = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1).replace(/^\/+/, ''));
  const alwaysSent = new Set([dockerfilePath, '.dockerignore']);
  return {
    excludes(relativePath, isDirectory) {
      if (relativePath === '' || relativePath === '.' || alwaysSent.has(relativePath)) {
        return false;
      }
      if (!rules.ignores(relativePath)) {
        return false;
      }
      // An excluded directory is still walked when a re-include could match something inside it.
      if (reincludes.length > 0 && isDirectory()) {
        const prefix = `${relativePath}/`;
        return !reincludes.some((pattern) => pattern.startsWith(prefix) || /[*?[]/.test(pattern));
      }
      if ([...alwaysSent].some((path) => path.startsWith(`${relativePath}/`))) {
        return false;
      }
      return true;
    },
  };
}
