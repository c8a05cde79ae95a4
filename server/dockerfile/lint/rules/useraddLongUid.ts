import type { Rule, RuleReport } from '../rule';
import { commandRange } from './helpers';

export const useraddLongUid: Rule = {
  code: 'DS318',
  level: 'shell',
  name: 'useradd-long-uid',
  title: 'useradd with a high UID without -l',
  severity: 'warning',
  hadolint: ['DL3046'],
  description: 'Without `-l` (`--no-log-init`), `useradd` writes a sparse lastlog entry sized by the UID: a high UID makes a huge layer.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const { command } of context.runCommands('useradd')) {
      const values = command.args.map((arg) => arg.value ?? '');
      if (values.some((value) => value === '-l' || value === '--no-log-init' || /^-[a-zA-Z]*l/.test(value))) {
        continue;
      }
      const uidAt = values.findIndex((value) => value === '-u' || value === '--uid');
      const uid = uidAt >= 0 ? values[uidAt + 1] : values.find((value) => value.startsWith('--uid='))?.slice(6);
      if (uid && /^\d{6,}$/.test(uid)) {
        reports.push({ range: commandRange(context, command), message: 'useradd without flag -l and high UID will result in excessively large Image' });
      }
    }
    return reports;
  },
};
