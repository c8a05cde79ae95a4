import type { Rule, RuleReport } from '../rule';

export const exposeProtoCasing: Rule = {
  code: 'DS117',
  name: 'expose-proto-casing',
  title: 'EXPOSE protocols should be lowercase',
  severity: 'warning',
  buildkit: 'ExposeProtoCasing',
  description: 'Write `EXPOSE 53/udp`, not `53/UDP`.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const instruction of context.instructionsNamed('EXPOSE')) {
      for (const argument of instruction.getArguments()) {
        const value = argument.getValue();
        const slash = value.indexOf('/');
        if (slash >= 0 && value.slice(slash) !== value.slice(slash).toLowerCase()) {
          reports.push({
            range: argument.getRange(),
            message: `Defined protocol '${value.slice(slash + 1)}' in EXPOSE instruction should be lowercase`,
            fixes: [{ title: 'Write the protocol in lowercase', edits: [{ range: argument.getRange(), newText: value.toLowerCase() }] }],
          });
        }
      }
    }
    return reports;
  },
};

export const exposeInvalidFormat: Rule = {
  code: 'DS118',
  name: 'expose-invalid-format',
  title: 'EXPOSE should not define an IP address or a host port',
  severity: 'warning',
  buildkit: 'ExposeInvalidFormat',
  description: 'EXPOSE documents the container ports only; the host side (`8080:80`, `127.0.0.1:80:80`) is chosen by `docker run -p`.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const instruction of context.instructionsNamed('EXPOSE')) {
      for (const argument of instruction.getArguments()) {
        const value = argument.getValue();
        if (value.includes(':') && !value.includes('$')) {
          reports.push({
            range: argument.getRange(),
            message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${value}'`,
          });
        }
      }
    }
    return reports;
  },
};
