import type { Rule, RuleReport } from '../rule';

export const exposePortRange: Rule = {
  code: 'DS120',
  name: 'expose-port-range',
  title: 'EXPOSE port outside 0-65535',
  severity: 'error',
  hadolint: ['DL3011'],
  description: 'A port above 65535 does not exist; the build fails on it, whether it is the exposed port or a host port (`70000:80`).',
  check(context) {
    const reports: RuleReport[] = [];
    for (const instruction of context.instructionsNamed('EXPOSE')) {
      for (const argument of instruction.getArguments()) {
        // `[ip:][hostPort:]containerPort[/proto]`, each port possibly a range.
        const ports = argument.getValue().split('/')[0].split(':').slice(-2).flatMap((part) => part.split('-'));
        if (ports.some((port) => /^\d+$/.test(port) && Number(port) > 65535)) {
          reports.push({ range: argument.getRange(), message: `Valid UNIX ports range from 0 to 65535, found '${argument.getValue()}'` });
        }
      }
    }
    return reports;
  },
};
