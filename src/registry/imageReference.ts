/**
 * Image references as the Docker distribution grammar defines them: `[domain[:port]/]path[:tag][@digest]`.
 * Pure; every command that sends a reference to the engine validates it here first.
 */
export interface ImageReference {
  /** Registry host (with port) when the reference names one, e.g. `localhost:5000`. */
  domain?: string;
  /** Repository path without the domain, e.g. `library/busybox` or `dockside-test/busybox`. */
  path: string;
  tag?: string;
  digest?: string;
}

const component = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const pathPattern = new RegExp(`^${component}(?:/${component})*$`);
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainPattern = new RegExp(`^(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestPattern = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const maxNameLength = 255;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export function parseImageReference(input: string): Parsed<ImageReference> {
  const text = input.trim();
  if (text === '') {
    return { ok: false, reason: 'An image reference is required, e.g. busybox:1.36 or registry.example:5000/team/app:1.0.' };
  }
  if (/\s/.test(text)) {
    return { ok: false, reason: `"${text}" contains white space; an image reference cannot.` };
  }
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) {
      return { ok: false, reason: `"${digest}" is not a digest (expected algorithm:hex, e.g. sha256:…).` };
    }
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag)) {
      return { ok: false, reason: `"${tag}" is not a valid tag: use letters, digits, _ . - (at most 128, not starting with . or -).` };
    }
  }
  if (rest.length > maxNameLength) {
    return { ok: false, reason: `The repository name is longer than ${maxNameLength} characters.` };
  }
  let domain: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      domain = first;
      rest = rest.slice(firstSlash + 1);
      if (!domainPattern.test(domain)) {
        return { ok: false, reason: `"${domain}" is not a valid registry host[:port].` };
      }
    }
  }
  if (!pathPattern.test(rest)) {
    const hint = rest !== rest.toLowerCase() ? ' Repository names must be lowercase.' : ' Use lowercase letters, digits and separators (. _ __ -), with / between parts.';
    return { ok: false, reason: `"${rest}" is not a valid repository name.${hint}` };
  }
  return { ok: true, value: { domain, path: rest, tag, digest } };
}

/** Returns the reason an input is not an image reference, or undefined when it is one (for input boxes). */
export function validateImageReference(input: string): string | undefined {
  const parsed = parseImageReference(input);
  return parsed.ok ? undefined : parsed.reason;
}

/** The repository part (with domain) and the tag, as the engine's pull/push/commit APIs want them. */
export function splitRepositoryTag(reference: ImageReference): { repository: string; tag: string } {
  const repository = reference.domain ? `${reference.domain}/${reference.path}` : reference.path;
  return { repository, tag: reference.tag ?? 'latest' };
}

export function formatImageReference(reference: ImageReference): string {
  const { repository } = splitRepositoryTag(reference);
  return `${repository}${reference.tag ? `:${reference.tag}` : ''}${reference.digest ? `@${reference.digest}` : ''}`;
}
