/** Where a service's build context and Dockerfile are on disk, as Compose resolves them. */
import * as path from 'node:path';
import type { ComposeAnalysis } from '../analysis';

export interface BuildFiles {
  context: string;
  dockerfile: string;
}

export function dockerfileOf(analysis: ComposeAnalysis, service: string): BuildFiles | undefined {
  if (!analysis.file) {
    return undefined;
  }
  const root = analysis.model.value as { services?: Record<string, { build?: unknown }> } | undefined;
  const build = root?.services?.[service]?.build;
  const folder = path.dirname(analysis.file);
  if (typeof build === 'string') {
    const context = path.resolve(folder, build);
    return { context, dockerfile: path.join(context, 'Dockerfile') };
  }
  if (build && typeof build === 'object') {
    const { context: contextValue, dockerfile } = build as { context?: unknown; dockerfile?: unknown };
    const context = path.resolve(folder, typeof contextValue === 'string' ? contextValue : '.');
    return { context, dockerfile: path.resolve(context, typeof dockerfile === 'string' ? dockerfile : 'Dockerfile') };
  }
  return undefined;
}
