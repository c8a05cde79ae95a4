/**
 * `dockside.dockerfile.*` settings: their shape, their defaults, and a per-document cache filled through
 * `workspace/configuration` and cleared whenever the client reports a change.
 */
import { lintSettingsFromConfiguration, type LintSettings } from './dockerfile/lint';

export interface ShellcheckSettings {
  /** Run ShellCheck on each shell-form RUN. */
  enabled: boolean;
  /** The ShellCheck executable. */
  executablePath: string;
  /** Documents longer than this many lines are not given to ShellCheck (the built-in rules still run). */
  maxLines: number;
}

export interface DockerfileSettings {
  /** The linter's settings from the editor: rules (canonical codes, and SC codes for ShellCheck), registries, label schema. */
  lint: LintSettings;
  /** What was wrong in the editor's lint settings, one sentence each (the rest still applies). */
  lintProblems: string[];
  shellcheck: ShellcheckSettings;
  format: {
    /** Leave instructions that span several lines as they are when formatting. */
    ignoreMultilineInstructions: boolean;
  };
  diagnostics: {
    /** Milliseconds of quiet typing before diagnostics are recomputed. */
    delay: number;
  };
}

export const defaultSettings: DockerfileSettings = {
  lint: {},
  lintProblems: [],
  shellcheck: { enabled: true, executablePath: 'shellcheck', maxLines: 5000 },
  format: { ignoreMultilineInstructions: false },
  diagnostics: { delay: 150 },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberIn(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? Math.min(value, max) : fallback;
}

/** Reads whatever the client sent, keeping the valid parts and the defaults for the rest. */
export function normaliseSettings(raw: unknown): DockerfileSettings {
  const input = isRecord(raw) ? raw : {};
  const { settings: lint, problems: lintProblems } = lintSettingsFromConfiguration({
    rules: input.rules,
    trustedRegistries: input.trustedRegistries,
    labelSchema: input.labelSchema,
  });
  const format = isRecord(input.format) ? input.format : {};
  const diagnostics = isRecord(input.diagnostics) ? input.diagnostics : {};
  const shellcheck = isRecord(input.shellcheck) ? input.shellcheck : {};
  const defaults = defaultSettings.shellcheck;
  return {
    lint,
    lintProblems,
    shellcheck: {
      enabled: typeof shellcheck.enabled === 'boolean' ? shellcheck.enabled : defaults.enabled,
      executablePath:
        typeof shellcheck.executablePath === 'string' && shellcheck.executablePath.trim() !== ''
          ? shellcheck.executablePath.trim()
          : defaults.executablePath,
      maxLines: Math.floor(numberIn(shellcheck.maxLines, 0, Number.MAX_SAFE_INTEGER, defaults.maxLines)),
    },
    format: {
      ignoreMultilineInstructions:
        typeof format.ignoreMultilineInstructions === 'boolean'
          ? format.ignoreMultilineInstructions
          : defaultSettings.format.ignoreMultilineInstructions,
    },
    diagnostics: {
      delay: numberIn(diagnostics.delay, 0, 5000, defaultSettings.diagnostics.delay),
    },
  };
}

export type SettingsFetcher = (uri: string) => Promise<unknown>;

/** Settings per document, fetched once and kept until the configuration changes or the document closes. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<DockerfileSettings>>();

  constructor(private readonly fetch: SettingsFetcher | undefined) {}

  get(uri: string): Promise<DockerfileSettings> {
    if (!this.fetch) {
      return Promise.resolve(defaultSettings);
    }
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.fetch(uri).then(normaliseSettings, () => defaultSettings);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
