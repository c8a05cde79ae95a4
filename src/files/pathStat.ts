/**
 * The engine's answer to `HEAD /containers/{id}/archive?path=…`: a base64 JSON in the
 * `X-Docker-Container-Path-Stat` header, `{name, size, mode, mtime, linkTarget}`, where `mode` is a Go
 * `os.FileMode` (type bits high, permission bits low) and `mtime` an RFC 3339 time with nanoseconds.
 */
export const pathStatHeader = 'x-docker-container-path-stat';

export type ContainerFileType = 'file' | 'directory' | 'symlink' | 'other';

export interface ContainerPathStat {
  name: string;
  size: number;
  type: ContainerFileType;
  /** Unix permission bits with setuid/setgid/sticky (e.g. 0o4755). */
  permissions: number;
  /** Modification time in epoch milliseconds. */
  mtimeMs: number;
  /** For a symlink: the target's absolute path, resolved in the container by the engine. */
  linkTarget?: string;
}

/** Go os.FileMode bits (https://pkg.go.dev/io/fs#FileMode). */
const goMode = {
  dir: 2 ** 31,
  symlink: 2 ** 27,
  device: 2 ** 26,
  namedPipe: 2 ** 25,
  socket: 2 ** 24,
  setuid: 2 ** 23,
  setgid: 2 ** 22,
  charDevice: 2 ** 21,
  sticky: 2 ** 20,
  irregular: 2 ** 19,
} as const;

function has(mode: number, bit: number): boolean {
  return Math.floor(mode / bit) % 2 === 1;
}

/** The file type of a Go FileMode. */
export function typeOfGoMode(mode: number): ContainerFileType {
  if (has(mode, goMode.dir)) return 'directory';
  if (has(mode, goMode.symlink)) return 'symlink';
  if ([goMode.device, goMode.namedPipe, goMode.socket, goMode.charDevice, goMode.irregular].some((bit) => has(mode, bit))) return 'other';
  return 'file';
}

/** Unix permission bits (with setuid 0o4000, setgid 0o2000, sticky 0o1000) of a Go FileMode. */
export function permissionsOfGoMode(mode: number): number {
  return (mode % 0o1000) + (has(mode, goMode.setuid) ? 0o4000 : 0) + (has(mode, goMode.setgid) ? 0o2000 : 0) + (has(mode, goMode.sticky) ? 0o1000 : 0);
}

/** RFC 3339 with up to nanoseconds to epoch ms (Date.parse handles milliseconds only); NaN when unreadable. */
export function parseRfc3339Ms(text: string): number {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!match) {
    return Number.NaN;
  }
  const fraction = (match[2] ?? '').padEnd(3, '0').slice(0, 3);
  return Date.parse(`${match[1]}.${fraction}${match[3]}`);
}

/** Decodes the header value; throws with a readable message when it is not what the engine sends. */
export function decodePathStat(headerValue: string): ContainerPathStat {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(headerValue, 'base64').toString('utf8'));
  } catch {
    throw new Error('The engine sent an unreadable path stat header.');
  }
  const value = raw as { name?: unknown; size?: unknown; mode?: unknown; mtime?: unknown; linkTarget?: unknown };
  if (typeof value.mode !== 'number' || typeof value.size !== 'number') {
    throw new Error('The engine sent a path stat without size or mode.');
  }
  const mtimeMs = typeof value.mtime === 'string' ? parseRfc3339Ms(value.mtime) : Number.NaN;
  const stat: ContainerPathStat = {
    name: typeof value.name === 'string' ? value.name : '',
    size: value.size,
    type: typeOfGoMode(value.mode),
    permissions: permissionsOfGoMode(value.mode),
    mtimeMs: Number.isFinite(mtimeMs) ? mtimeMs : 0,
  };
  if (typeof value.linkTarget === 'string' && value.linkTarget) {
    stat.linkTarget = value.linkTarget;
  }
  return stat;
}
