/** The two headers a Registry HTTP API V2 client reads: `WWW-Authenticate` and `Link`. Pure. */

export interface AuthChallenge {
  scheme: 'basic' | 'bearer' | 'other';
  params: Record<string, string>;
}

/** `Bearer realm="https://auth/token",service="registry",scope="repository:a:pull"` → scheme and parameters. */
export function parseAuthChallenge(header: string | undefined): AuthChallenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const name = match[1].toLowerCase();
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (let part = pattern.exec(match[2]); part; part = pattern.exec(match[2])) {
    params[part[1].toLowerCase()] = part[2] !== undefined ? part[2].replace(/\\(.)/g, '$1') : part[3];
  }
  return { scheme: name === 'basic' ? 'basic' : name === 'bearer' ? 'bearer' : 'other', params };
}

/** The `rel="next"` target of a `Link` header (`</v2/_catalog?last=b&n=2>; rel="next"`), or undefined. */
export function nextLink(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header.join(', ') : header;
  if (!text) return undefined;
  for (const part of text.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>\s*;(.*)$/s.exec(part.trim());
    if (match && /\brel\s*=\s*"?next"?/i.test(match[2])) return match[1];
  }
  return undefined;
}
