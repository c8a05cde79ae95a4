import type { Label } from 'dockerfile-ast';
import type { Rule, RuleReport } from '../rule';
import type { LabelType } from '../types';

const CHECKS: Record<LabelType, (value: string) => boolean> = {
  text: () => true,
  url: (value) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value),
  semver: (value) => /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(value),
  hash: (value) => /^[0-9a-f]{7,40}$/i.test(value) || /^[0-9a-f]{64}$/i.test(value),
  rfc3339: (value) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(value),
  spdx: (value) => /^[A-Za-z0-9.+-]+(?:\s+(?:AND|OR|WITH)\s+[A-Za-z0-9.+-]+)*$/.test(value),
  email: (value) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value),
};

export const labelSchema: Rule = {
  code: 'DS208',
  name: 'label-schema',
  title: 'Labels do not follow the configured label schema',
  severity: 'info',
  hadolint: ['DL3048', 'DL3049', 'DL3050', 'DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'],
  description:
    'With `dockside.dockerfile.labelSchema` (or `label-schema` in `.hadolint.yaml`) set, the final stage must carry each label with a value of the given type (`text`, `url`, `semver`, `hash`, `rfc3339`, `spdx`, `email`); with `strictLabels`, other labels are reported too. Silent when no schema is set.',
  check(context) {
    const schema = context.settings.labelSchema ?? {};
    const stage = context.lastStage();
    if (Object.keys(schema).length === 0 || !stage) {
      return [];
    }
    const reports: RuleReport[] = [];
    const present = new Set<string>();
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'LABEL') {
        continue;
      }
      for (const property of (instruction as Label).getProperties()) {
        const name = property.getName().replace(/^["']|["']$/g, '');
        present.add(name);
        const type = schema[name];
        const value = (property.getUnescapedValue() ?? '').replace(/^"(.*)"$|^'(.*)'$/s, '$1$2');
        if (type && !value.includes('$') && !CHECKS[type](value)) {
          reports.push({ range: property.getValueRange() ?? property.getRange(), message: `Label '${name}' should be a valid ${type}` });
        } else if (!type && context.settings.strictLabels) {
          reports.push({ range: property.getNameRange(), message: `Label '${name}' is not in the label schema` });
        }
      }
    }
    const missing = Object.keys(schema).filter((name) => !present.has(name));
    if (missing.length > 0) {
      reports.push({ range: stage.from.getInstructionRange(), message: `Missing label${missing.length > 1 ? 's' : ''} required by the label schema: ${missing.join(', ')}` });
    }
    return reports;
  },
};
