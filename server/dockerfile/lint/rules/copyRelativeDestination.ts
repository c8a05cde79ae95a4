import type { Copy } from 'dockerfile-ast';
import { instructionArguments } from '../continuation';
import type { Rule, RuleReport } from '../rule';

export const copyRelativeDestination: Rule = {
  code: 'DS123',
  name: 'copy-relative-destination',
  title: 'COPY to a relative destination before any WORKDIR',
  severity: 'info',
  hadolint: ['DL3045'],
  description: 'A relative destination lands in the base image\'s working directory, which this file does not show. Set `WORKDIR` first or copy to an absolute path. Stages built on another stage of this file inherit its WORKDIR.',
  check(context) {
    const reports: RuleReport[] = [];
    const withWorkdir = new Set<string>();
    for (const stage of context.stages) {
      const image = stage.from.getImage()?.toLowerCase() ?? '';
      let workdirSet = withWorkdir.has(image);
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'WORKDIR') {
          workdirSet = true;
        } else if ((keyword === 'COPY' || keyword === 'ADD') && !workdirSet && (instruction as Copy).getHeredocs().length === 0) {
          if ((instruction.getRawArgumentsContent() ?? '').trim().startsWith('[')) {
            continue;
          }
          const args = instructionArguments(instruction, context.index, context.escape);
          const destination = args.at(-1);
          const value = destination?.getValue().replace(/^["']|["']$/g, '') ?? '';
          if (destination && args.length > 1 && !/^([/$\\]|[A-Za-z]:)/.test(value)) {
            reports.push({ range: destination.getRange(), message: `${keyword} to a relative destination '${value}' without WORKDIR set` });
          }
        }
      }
      if (workdirSet && stage.name) {
        withWorkdir.add(stage.name.toLowerCase());
      }
    }
    return reports;
  },
};
