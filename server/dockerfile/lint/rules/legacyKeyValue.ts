import type { Env } from 'dockerfile-ast';
import type { Rule, RuleReport } from '../rule';

export const legacyKeyValue: Rule = {
  code: 'DS113',
  name: 'legacy-key-value',
  title: 'Use ENV key=value, not the legacy ENV key value',
  severity: 'warning',
  buildkit: 'LegacyKeyValueFormat',
  description: 'The space-separated form sets one variable to the rest of the line, which misleads when it holds spaces; it is deprecated. Write `ENV key=value` (and the same for `LABEL`).',
  check(context) {
    const reports: RuleReport[] = [];
    for (const instruction of context.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ENV' && keyword !== 'LABEL') {
        continue;
      }
      for (const property of (instruction as Env).getProperties()) {
        const valueRange = property.getValueRange();
        if (property.getAssignmentOperator() !== null || !valueRange) {
          continue;
        }
        const value = property.getValue() ?? '';
        const singleLine = valueRange.start.line === valueRange.end.line;
        const plain = !/[\s"'\\$]/.test(value);
        const fix = singleLine
          ? [
              {
                title: `Write ${keyword} ${property.getName()}=…`,
                edits: [
                  {
                    range: { start: property.getNameRange().end, end: valueRange.end },
                    newText: `=${plain ? value : JSON.stringify(value)}`,
                  },
                ],
              },
            ]
          : [];
        reports.push({
          range: property.getRange(),
          message: `"${keyword} key=value" should be used instead of legacy "${keyword} key value" format`,
          fixes: !plain && /[$\\]/.test(value) ? [] : fix,
        });
      }
    }
    return reports;
  },
};
