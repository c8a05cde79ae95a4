/** Reads a `.hadolint.yaml` into our settings, so a project can switch linters without editing its configuration. */
import { parse } from 'yaml';
import { canonicalCode } from '../registry';
import type { FindingSeverity, LabelType, LintSettings, RuleSetting } from '../types';

export interface HadolintConfigResult {
  settings: LintSettings;
  /** `failure-threshold`, when set (hadolint's `none` maps to undefined). */
  failureThreshold?: FindingSeverity;
  /** ShellCheck codes that are ignored or overridden (`SC2086`), by severity or `off`. */
  shellcheckRules: Record<string, RuleSetting>;
  /** Problems with the file, one sentence each; the rest of the file still applies. */
  problems: string[];
}

const SEVERITIES: readonly FindingSeverity[] = ['error', 'warning', 'info', 'style'];
const LABEL_TYPES: readonly LabelType[] = ['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email'];

export function settingsFromHadolintConfig(yamlText: string): HadolintConfigResult {
  const result: HadolintConfigResult = { settings: { rules: {} }, shellcheckRules: {}, problems: [] };
  let document: unknown;
  try {
    document = parse(yamlText);
  } catch (error) {
    result.problems.push(`not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return result;
  }
  if (document === null || document === undefined) {
    return result;
  }
  if (typeof document !== 'object' || Array.isArray(document)) {
    result.problems.push('the top level must be a mapping');
    return result;
  }
  const config = document as Record<string, unknown>;
  const setRule = (code: unknown, setting: RuleSetting) => {
    if (typeof code !== 'string') {
      result.problems.push(`rule names must be strings, found ${JSON.stringify(code)}`);
      return;
    }
    const canonical = canonicalCode(code);
    if (canonical) {
      result.settings.rules![canonical] = setting;
    } else if (/^SC\d+$/i.test(code)) {
      result.shellcheckRules[code.toUpperCase()] = setting;
    } else {
      result.problems.push(`unknown rule '${code}'`);
    }
  };
  for (const code of listOf(config.ignored, 'ignored', result.problems)) {
    setRule(code, 'off');
  }
  const override = config.override;
  if (override && typeof override === 'object' && !Array.isArray(override)) {
    for (const [severity, codes] of Object.entries(override as Record<string, unknown>)) {
      if (!SEVERITIES.includes(severity as FindingSeverity)) {
        result.problems.push(`override: unknown severity '${severity}'`);
        continue;
      }
      for (const code of listOf(codes, `override.${severity}`, result.problems)) {
        setRule(code, severity as FindingSeverity);
      }
    }
  }
  const registries = listOf(config.trustedRegistries, 'trustedRegistries', result.problems).filter((item): item is string => typeof item === 'string');
  if (registries.length > 0) {
    result.settings.trustedRegistries = registries;
  }
  const schema = config['label-schema'];
  if (schema && typeof schema === 'object' && !Array.isArray(schema)) {
    result.settings.labelSchema = {};
    for (const [label, type] of Object.entries(schema as Record<string, unknown>)) {
      if (LABEL_TYPES.includes(type as LabelType)) {
        result.settings.labelSchema[label] = type as LabelType;
      } else {
        result.problems.push(`label-schema.${label}: unknown type ${JSON.stringify(type)} (one of ${LABEL_TYPES.join(', ')})`);
      }
    }
  }
  if (config['strict-labels'] === true) {
    result.settings.strictLabels = true;
  }
  const threshold = config['failure-threshold'];
  if (typeof threshold === 'string' && SEVERITIES.includes(threshold as FindingSeverity)) {
    result.failureThreshold = threshold as FindingSeverity;
  } else if (threshold !== undefined && threshold !== 'none') {
    result.problems.push(`failure-threshold: expected one of ${SEVERITIES.join(', ')}, found ${JSON.stringify(threshold)}`);
  }
  return result;
}

function listOf(value: unknown, key: string, problems: string[]): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push(`${key}: expected a list`);
    return [];
  }
  return value;
}
