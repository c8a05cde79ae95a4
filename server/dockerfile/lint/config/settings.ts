/**
 * Lint settings from the editor's configuration (`dockside.dockerfile.*`), checked value by value, and the merge
 * of several layers (a `.hadolint.yaml`, then the user's settings, which win).
 */
import { canonicalCode } from '../registry';
import type { LabelType, LintSettings, RuleSetting } from '../types';

export interface DockerfileLintConfiguration {
  rules?: unknown;
  trustedRegistries?: unknown;
  labelSchema?: unknown;
}

const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info', 'style'];
const LABEL_TYPES: readonly LabelType[] = ['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email'];

/** Reads the editor's values; anything malformed is skipped and named in `problems`. */
export function lintSettingsFromConfiguration(configuration: DockerfileLintConfiguration): { settings: LintSettings; problems: string[] } {
  const settings: LintSettings = {};
  const problems: string[] = [];
  if (isRecord(configuration.rules)) {
    settings.rules = {};
    for (const [name, value] of Object.entries(configuration.rules)) {
      const code = canonicalCode(name) ?? (/^SC\d+$/i.test(name) ? name.toUpperCase() : undefined);
      if (!code) {
        problems.push(`dockside.dockerfile.rules: unknown rule '${name}'`);
      } else if (!SETTINGS.includes(value as RuleSetting)) {
        problems.push(`dockside.dockerfile.rules.${name}: expected one of ${SETTINGS.join(', ')}`);
      } else {
        settings.rules[code] = value as RuleSetting;
      }
    }
  }
  if (Array.isArray(configuration.trustedRegistries)) {
    settings.trustedRegistries = configuration.trustedRegistries.filter((item): item is string => typeof item === 'string' && item.length > 0);
  }
  if (isRecord(configuration.labelSchema)) {
    settings.labelSchema = {};
    for (const [label, type] of Object.entries(configuration.labelSchema)) {
      if (LABEL_TYPES.includes(type as LabelType)) {
        settings.labelSchema[label] = type as LabelType;
      } else {
        problems.push(`dockside.dockerfile.labelSchema.${label}: expected one of ${LABEL_TYPES.join(', ')}`);
      }
    }
  }
  return { settings, problems };
}

/** Later layers win, rule by rule; lists and schemas are replaced when a later layer sets a non-empty one. */
export function mergeLintSettings(...layers: LintSettings[]): LintSettings {
  const merged: LintSettings = {};
  for (const layer of layers) {
    if (layer.rules && Object.keys(layer.rules).length > 0) {
      merged.rules = { ...merged.rules, ...layer.rules };
    }
    if (layer.trustedRegistries && layer.trustedRegistries.length > 0) {
      merged.trustedRegistries = layer.trustedRegistries;
    }
    if (layer.labelSchema && Object.keys(layer.labelSchema).length > 0) {
      merged.labelSchema = layer.labelSchema;
    }
    if (layer.strictLabels !== undefined) {
      merged.strictLabels = layer.strictLabels;
    }
  }
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
