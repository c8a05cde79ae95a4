/**
 * The flags BuildKit's Dockerfile frontend takes on RUN, COPY and ADD, with their values, for completion and
 * hover. dockerfile-language-service knows only `COPY --from`/`--chown` and `ADD --chown`: nothing of
 * `RUN --mount`, `--network` or `--security`, nor of `--chmod`, `--link`, `--parents`, `--exclude`,
 * `--checksum`, `--keep-git-dir` or `--unpack`. Texts follow Docker's Dockerfile reference.
 */

export interface FlagValue {
  value: string;
  detail: string;
}

export interface FlagSpec {
  name: string;
  /** Written without a value (`--link`); `--link=false` is accepted too. */
  boolean?: boolean;
  /** May be given more than once. */
  repeatable?: boolean;
  detail: string;
  /** Markdown. */
  documentation: string;
  /** For a flag that takes one of a few values, those values (`--mount`'s options are in MOUNT_OPTIONS). */
  values?: FlagValue[];
}

const chown: FlagSpec = {
  name: 'chown',
  detail: 'owner of the copied files, user:group',
  documentation: 'Sets the owner of the copied files and folders: a user and optional group, by name or id (`--chown=app:app`, `--chown=1000`). Without it they belong to root.',
};
const chmod: FlagSpec = {
  name: 'chmod',
  detail: 'permissions of the copied files, octal or symbolic',
  documentation: 'Sets the permissions of the copied files and folders, in octal (`--chmod=755`) or, with Dockerfile syntax 1.10 and later, in symbolic form (`--chmod=u=rwX,go=rX`).',
};
const link: FlagSpec = {
  name: 'link',
  boolean: true,
  detail: 'copy into a layer of its own',
  documentation: 'Copies the files into a layer of their own, independent of the layers before: the layer is reused when an earlier one changes, and can be rebased without rebuilding.',
};
const exclude: FlagSpec = {
  name: 'exclude',
  repeatable: true,
  detail: 'a path pattern to leave out',
  documentation: 'Leaves out the source files that match a pattern (`--exclude=*.md`), as `.dockerignore` would. Can be given several times.',
};

export const INSTRUCTION_FLAGS: Readonly<Record<string, readonly FlagSpec[]>> = {
  RUN: [
    {
      name: 'mount',
      repeatable: true,
      detail: 'a mount for this RUN only: type=bind|cache|tmpfs|secret|ssh',
      documentation:
        'Mounts a filesystem for this command only; nothing of it stays in the image. `type=cache,target=/root/.cache` keeps a package cache between builds, `type=secret,id=token` gives a secret without writing it into a layer, `type=ssh` forwards the SSH agent, `type=bind` (the default) mounts the build context or another stage (`from=`), `type=tmpfs` a scratch folder in memory.',
    },
    {
      name: 'network',
      detail: 'the network of this RUN: default|none|host',
      documentation: 'The network the command runs in: `default` (the build\'s), `none` (no network at all, for steps that must not download anything) or `host` (needs the `network.host` entitlement).',
      values: [
        { value: 'default', detail: "the build's network" },
        { value: 'none', detail: 'no network' },
        { value: 'host', detail: "the host's network (entitlement network.host)" },
      ],
    },
    {
      name: 'device',
      repeatable: true,
      detail: 'a CDI device for this RUN (labs syntax)',
      documentation: 'Gives the command a device by its CDI name (`--device=vendor1.com/device=foo`), with Dockerfile labs syntax (`# syntax=docker/dockerfile:1-labs`).',
    },
    {
      name: 'security',
      detail: 'sandbox or insecure',
      documentation: 'Runs the command `sandbox`ed (the default) or `insecure`, with the privileges of `docker run --privileged`; `insecure` needs the `security.insecure` entitlement.',
      values: [
        { value: 'sandbox', detail: 'the default sandbox' },
        { value: 'insecure', detail: 'privileged (entitlement security.insecure)' },
      ],
    },
  ],
  COPY: [
    {
      name: 'from',
      detail: 'a build stage, image or named context to copy from',
      documentation: 'Copies from an earlier build stage (`--from=build`), an image (`--from=nginx:1.27`) or a named build context instead of the build context.',
    },
    chown,
    chmod,
    link,
    {
      name: 'parents',
      boolean: true,
      detail: 'keep the folders of the source paths',
      documentation: 'Keeps the parent folders of each source under the destination (`COPY --parents ./a/b/c.txt /out/` makes `/out/a/b/c.txt`); with `./` in a source, only what follows it.',
    },
    exclude,
  ],
  ADD: [
    chown,
    chmod,
    link,
    {
      name: 'checksum',
      detail: 'the sha256 the downloaded source must have',
      documentation: 'Verifies a remote source against a checksum (`--checksum=sha256:…`): the build fails when the download differs.',
    },
    {
      name: 'keep-git-dir',
      boolean: true,
      detail: 'keep the .git folder of a Git source',
      documentation: 'For a Git repository source, keeps its `.git` folder in the destination.',
    },
    exclude,
    {
      name: 'unpack',
      boolean: true,
      detail: 'unpack an archive, also from a URL',
      documentation: 'Unpacks a tar archive source into the destination: by default only local archives are unpacked; `--unpack=true` unpacks a downloaded one too, `--unpack=false` copies a local one as it is.',
    },
  ],
};

/** The options of `RUN --mount`, per mount type. */
export const MOUNT_OPTIONS: Readonly<Record<string, readonly FlagValue[]>> = {
  bind: [
    { value: 'target', detail: 'where to mount it' },
    { value: 'source', detail: 'the path in the context or in `from`' },
    { value: 'from', detail: 'a stage or image to mount from' },
    { value: 'rw', detail: 'writable (writes are discarded)' },
  ],
  cache: [
    { value: 'target', detail: 'where to mount it' },
    { value: 'id', detail: 'the cache to use (default: the target)' },
    { value: 'sharing', detail: 'shared, private or locked' },
    { value: 'from', detail: 'a stage to seed the cache from' },
    { value: 'source', detail: 'the path in `from`' },
    { value: 'mode', detail: 'permissions of a new cache folder' },
    { value: 'uid', detail: 'owner id of a new cache folder' },
    { value: 'gid', detail: 'group id of a new cache folder' },
    { value: 'ro', detail: 'read-only' },
  ],
  tmpfs: [
    { value: 'target', detail: 'where to mount it' },
    { value: 'size', detail: 'the size limit' },
  ],
  secret: [
    { value: 'id', detail: 'the secret given with --secret id=…' },
    { value: 'target', detail: 'the file to mount it as (default /run/secrets/<id>)' },
    { value: 'env', detail: 'an environment variable to put it in' },
    { value: 'required', detail: 'fail when the secret is missing' },
    { value: 'mode', detail: 'permissions of the file' },
    { value: 'uid', detail: 'owner id of the file' },
    { value: 'gid', detail: 'group id of the file' },
  ],
  ssh: [
    { value: 'id', detail: 'the agent or keys given with --ssh id=…' },
    { value: 'target', detail: 'the socket path' },
    { value: 'required', detail: 'fail when no agent is given' },
    { value: 'mode', detail: 'permissions of the socket' },
    { value: 'uid', detail: 'owner id of the socket' },
    { value: 'gid', detail: 'group id of the socket' },
  ],
};

/** Values of mount options that take one of a few. */
export const MOUNT_OPTION_VALUES: Readonly<Record<string, readonly FlagValue[]>> = {
  type: Object.keys(MOUNT_OPTIONS).map((type) => ({ value: type, detail: `a ${type} mount` })),
  sharing: [
    { value: 'shared', detail: 'used by concurrent builds at once (default)' },
    { value: 'private', detail: 'a new cache for each concurrent build' },
    { value: 'locked', detail: 'concurrent builds wait for each other' },
  ],
};

/** The flag of `keyword` named `name` (without dashes), if BuildKit has one. */
export function flagSpec(keyword: string, name: string): FlagSpec | undefined {
  return INSTRUCTION_FLAGS[keyword.toUpperCase()]?.find((flag) => flag.name === name);
}
