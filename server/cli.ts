/**
 * `dockside-lint`: lints Dockerfiles from the command line with the same engine as the language server.
 */
const USAGE = `Usage: dockside-lint [--format text|json|sarif] [--config FILE]
                     [--failure-threshold error|warning|info|style] [--no-shellcheck] FILES... | -

Lints Dockerfiles with the same rules as the Dockside language server.
Exit status: 0 when no finding reaches the threshold, 1 when one does, 2 on a usage error.`;

function main(argv: string[]): number {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  process.stderr.write(`dockside-lint: linting is not available in this build yet\n${USAGE}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
