/**
 * `dockside.dockerfile.*` settings: their shape, their defaults, and a per-document cache filled through
 * `workspace/configuration` and cleared whenever the client reports a change.
 */
import type { RuleSetting } from './lint';

export interface DockerfileSettings {
  /** Per-rule severity overrides for the linter (code → "off" | "error" | "warning" | "info" | "style"). */
  rules: Record<string, RuleSetting>;
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
  rules: {},
  format: { ignoreMultilineInstructions: false },
  diagnostics: { delay: 150 },
};

const ruleSettings = new Set<string>(['off', 'error', 'warning', 'info', 'style']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads whatever the client sent, keeping the valid parts and the defaults for the rest. */
export function normaliseSettings(raw: unknown): DockerfileSettings {
  const input = isRecord(raw) ? raw : {};
  const rules: Record<string, RuleSetting> = {};
  if (isRecord(input.rules)) {
    for (const [code, value] of Object.entries(input.rules)) {
      if (typeof value === 'string' && ruleSettings.has(value)) {
        rules[code] = value as RuleSetting;
      }
    }
  }
  const format = isRecord(input.format) ? input.format : {};
  const diagnostics = isRecord(input.diagnostics) ? input.diagnostics : {};
  const delay = diagnostics.delay;
  return {
    rules,
    format: {
      ignoreMultilineInstructions:
        typeof format.ignoreMultilineInstructions === 'boolean'
          ? format.ignoreMultilineInstructions
          : defaultSettings.format.ignoreMultilineInstructions,
    },
    diagnostics: {
      delay:
        typeof delay === 'number' && Number.isFinite(delay) && delay >= 0
          ? Math.min(delay, 5000)
          : defaultSettings.diagnostics.delay,
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
