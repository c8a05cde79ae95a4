import type { Copy } from 'dockerfile-ast';
import { instructionArguments } from '../continuation';
import type { Rule, RuleReport } from '../rule';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz|zst|lz|lzma)$/i;

export const addInsteadOfCopy: Rule = {
  code: 'DS205',
  name: 'add-instead-of-copy',
  title: 'Use COPY instead of ADD for files and folders',
  severity: 'warning',
  hadolint: ['DL3020'],
  description: '`ADD` also fetches URLs and unpacks archives. For plain local files `COPY` says what it does. Sources that are URLs, git repositories, archives or variables are left alone.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const instruction of context.instructionsNamed('ADD')) {
      const add = instruction as Copy;
      if (add.getHeredocs().length > 0 || add.getFlags().some((flag) => ['checksum', 'keep-git-dir', 'unpack'].includes(flag.getName()))) {
        continue;
      }
      const args = instructionArguments(instruction, context.index, context.escape);
      const sources = args.slice(0, -1).map((arg) => arg.getValue().replace(/^["'[,]+|["'\],]+$/g, ''));
      if (sources.length === 0 || sources.some((source) => source.includes('://') || source.startsWith('git@') || ARCHIVE.test(source) || source.includes('$'))) {
        continue;
      }
      const range = instruction.getInstructionRange();
      const keyword = instruction.getInstruction();
      const replacement = keyword === keyword.toLowerCase() ? 'copy' : 'COPY';
      reports.push({
        range,
        message: 'Use COPY instead of ADD for files and folders',
        fixes: [{ title: 'Replace ADD with COPY', edits: [{ range, newText: replacement }] }],
      });
    }
    return reports;
  },
};
