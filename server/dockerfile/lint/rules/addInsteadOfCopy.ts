/** ADD against COPY, both ways: COPY for plain files, ADD for a local tar archive the build then unpacks. */
import type { Copy } from 'dockerfile-ast';
import { instructionArguments } from '../continuation';
import type { Rule, RuleReport } from '../rule';
import { baseName } from '../context';
import { hasOption } from './helpers';

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

/** Tar archives ADD unpacks (BuildKit: uncompressed, gzip, bzip2, xz and zstd). */
const TAR_ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;

/** `tar -x…`, `tar xzf …` (the old bundled form), `tar --extract` / `--get`. */
function extracts(args: readonly (string | undefined)[]): boolean {
  const first = args[0] ?? '';
  return (
    (!first.startsWith('-') && /^[a-zA-Z]*x/.test(first)) ||
    args.some((arg) => arg !== undefined && ((/^-[a-zA-Z]*x/.test(arg) && !arg.startsWith('--')) || arg === '--extract' || arg === '--get'))
  );
}

/** Where a copied file may land: `dest` itself, or inside it when it is a folder; none known for a relative `dest`. */
function landingPaths(source: string, destination: string): string[] {
  if (!destination.startsWith('/')) {
    return [];
  }
  const folder = destination.replace(/\/+$/, '');
  return destination.endsWith('/') ? [`${folder}/${baseName(source)}`] : [folder, `${folder}/${baseName(source)}`];
}

export const addForArchive: Rule = {
  code: 'DS327',
  level: 'shell',
  name: 'add-for-archive',
  title: 'COPY of a tar archive that a later RUN unpacks: ADD unpacks it',
  severity: 'info',
  hadolint: ['DL3010'],
  description:
    '`ADD app.tar.gz /opt/` unpacks a local tar archive into the folder in one step. `COPY app.tar.gz /tmp/` and then `RUN tar -xzf /tmp/app.tar.gz` keeps the archive in a layer of the image, even when a later `rm` deletes it. Reported on the COPY when a later RUN of the same stage unpacks the copied file (by its path, or by its name when the RUN gives a relative one).',
  check(context) {
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      const copies = stage.instructions.flatMap((instruction) => {
        if (instruction.getKeyword() !== 'COPY' || (instruction as Copy).getFlags().some((flag) => flag.getName() === 'from')) {
          return [];
        }
        const args = instructionArguments(instruction, context.index, context.escape).map((arg) => arg.getValue().replace(/^["'[,]+|["'\],]+$/g, ''));
        const destination = args.at(-1) ?? '';
        const archives = args.slice(0, -1).filter((source) => TAR_ARCHIVE.test(source) && !source.includes('$'));
        return archives.map((source) => ({ instruction, name: baseName(source), paths: landingPaths(source, destination) }));
      });
      if (copies.length === 0) {
        continue;
      }
      const unpacked: { file: string; line: number }[] = [];
      for (const { run, command } of context.runCommands('tar')) {
        if (run.stage === stage && extracts(command.args.map((arg) => arg.value)) && !hasOption(command, 't', ['--list'])) {
          const line = run.instruction.getRange().start.line;
          command.args.forEach((arg) => arg.value && !arg.value.startsWith('-') && unpacked.push({ file: arg.value, line }));
        }
      }
      const reported = new Set<unknown>();
      for (const copy of copies) {
        // An absolute path names the copied file exactly; a relative one depends on the folder, so its name decides.
        const after = copy.instruction.getRange().end.line;
        const isUnpacked = unpacked.some(
          ({ file, line }) => line > after && (file.startsWith('/') ? copy.paths.includes(file.replace(/\/+/g, '/')) : baseName(file) === copy.name),
        );
        if (isUnpacked && !reported.has(copy.instruction)) {
          reported.add(copy.instruction);
          reports.push({ range: copy.instruction.getInstructionRange(), message: `Use ADD for extracting archives into an image: ADD unpacks ${copy.name}` });
        }
      }
    }
    return reports;
  },
};
