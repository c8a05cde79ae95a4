import { HIGHEST_PORT, portNumbers, splitPortSpec } from '../portSpec';
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
        const { hostPort, containerPort } = splitPortSpec(argument.getValue());
        if ([hostPort, containerPort].some((ports) => portNumbers(ports)?.some((port) => port > HIGHEST_PORT))) {
          reports.push({ range: argument.getRange(), message: `Valid UNIX ports range from 0 to 65535, found '${argument.getValue()}'` });
        }
      }
    }
    return reports;
  },
};
