import { createHash } from 'node:crypto';
import { posix } from 'node:path';

/** The URI scheme of files inside containers: `dockside-container://<engine>/<container id>/<path>`. */
export const containerScheme = 'dockside-container';

/** Where a `dockside-container` URI points: an engine (the authority), a container, an absolute path in it. */
export interface ContainerLocation {
  engine: string;
  containerId: string;
  /** Absolute and normalised, `/` for the root. */
  path: string;
}

/** A container id or name as the engine accepts it in a URL path segment. */
const containerRef = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Normalises a path inside a container: absolute, no `.`/`..`, no trailing slash (except the root). */
export function normaliseContainerPath(path: string): string {
  const normal = posix.normalize(`/${path}`);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/**
 * Reads a URI's authority and path (`/<container id>/<path…>`) into a location; undefined when the path does
 * not start with a container id.
 */
export function parseContainerLocation(authority: string, uriPath: string): ContainerLocation | undefined {
  const match = /^\/([^/]+)(\/.*)?$/.exec(uriPath);
  if (!match || !containerRef.test(match[1]) || !authority) {
    return undefined;
  }
  return { engine: authority, containerId: match[1], path: normaliseContainerPath(match[2] ?? '/') };
}

/** The authority and path of the URI of a location (what `vscode.Uri.from` takes besides the scheme). */
export function containerUriParts(location: ContainerLocation): { scheme: string; authority: string; path: string } {
  const inside = normaliseContainerPath(location.path);
  return { scheme: containerScheme, authority: location.engine, path: `/${location.containerId}${inside === '/' ? '/' : inside}` };
}

/** The parent folder of a path (`/` for `/` itself) and the base name (`''` for `/`). */
export function splitContainerPath(path: string): { parent: string; name: string } {
  const normal = normaliseContainerPath(path);
  return { parent: posix.dirname(normal), name: normal === '/' ? '' : posix.basename(normal) };
}

/** A path joined under a folder: `joinContainerPath('/etc', 'a/b')` is `/etc/a/b`. */
export function joinContainerPath(folder: string, relative: string): string {
  return normaliseContainerPath(posix.join(folder, relative));
}

/** Where a link's target points, from the folder holding the link: absolute targets as they are. */
export function resolveContainerPath(folder: string, target: string): string {
  return normaliseContainerPath(target.startsWith('/') ? target : posix.join(folder, target));
}

/** Whether `inner` is `outer` or lies below it. */
export function isWithin(outer: string, inner: string): boolean {
  const a = normaliseContainerPath(outer);
  const b = normaliseContainerPath(inner);
  return a === b || a === '/' || b.startsWith(`${a}/`);
}

/**
 * The URI authority naming an engine: a digest of its endpoint address, so a URI kept in a workspace file points
 * at the same engine later (and fails clearly when another one is connected) without spelling a socket path.
 */
export function engineAuthority(endpointHost: string): string {
  return `engine-${createHash('sha256').update(endpointHost).digest('hex').slice(0, 12)}`;
}
