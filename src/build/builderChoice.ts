/**
 * Which builder runs a build: the `dockside.build.builder` setting against what the engine advertises, and
 * whether an engine's answer to a BuildKit request means it has no BuildKit (so the classic builder is used
 * instead) rather than a failed build. Pure.
 */
export type BuilderSetting = 'auto' | 'buildkit' | 'classic';
export type Builder = 'buildkit' | 'classic';

export const builderSettings: readonly BuilderSetting[] = ['auto', 'buildkit', 'classic'];

export function parseBuilderSetting(value: unknown): BuilderSetting {
  return builderSettings.includes(value as BuilderSetting) ? (value as BuilderSetting) : 'auto';
}

/**
 * `auto` follows the engine: BuildKit when its `/_ping` answers `Builder-Version: 2` (its default builder
 * is BuildKit), else the classic builder (an older engine, one configured without BuildKit, a Windows engine).
 */
export function chooseBuilder(setting: BuilderSetting, builderVersionHeader: string | undefined): Builder {
  if (setting !== 'auto') {
    return setting;
  }
  return builderVersionHeader?.trim() === '2' ? 'buildkit' : 'classic';
}

/**
 * True when the engine refused the BuildKit request itself: an HTTP client error before any build output
 * (Docker answers 400 "buildkit is not enabled on daemon"; an older API rejects the `version` value).
 * A build that ran and failed is never a refusal, nor is a server error.
 */
export function isBuildKitRefusal(answer: { statusCode?: number; message: string }): boolean {
  const { statusCode, message } = answer;
  if (statusCode === undefined || statusCode < 400 || statusCode >= 500) {
    return statusCode === 501;
  }
  return /buildkit|builder|invalid version|not (?:supported|implemented|enabled)/i.test(message);
}
