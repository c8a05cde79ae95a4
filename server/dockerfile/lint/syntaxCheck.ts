/**
 * DS100 `syntax`: what the Docker builder cannot read, as `dockside-lint` reports it (the language server's
 * validator diagnostics, see diagnostics/syntax.ts). Not a rule: the build fails on these, so no setting,
 * configuration file or comment turns it off.
 */
export const SYNTAX_CHECK = {
  code: 'DS100',
  name: 'syntax',
  title: 'The builder cannot read the instruction',
  description:
    'An unknown instruction, a missing or extra argument, an unknown flag or a value the builder rejects for one (`RUN --mount=type=cach`, `--network=bridge`), a SHELL that is not a JSON array, an invalid port or signal… The build fails on these, so no setting, configuration file or comment turns them off (hadolint reports its parse errors as DL1000). In the editor most come from the validator, with source `dockerfile-utils`, its own codes and its quick fixes; the checks of RUN\'s flags, which it does not make, show as DS100. Where that validator disagrees with BuildKit, BuildKit wins: nothing the builder accepts is reported.',
} as const;
