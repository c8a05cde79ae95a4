import { createHmac } from 'node:crypto';

/** The names OpenSSH records a host under: `host` on port 22, else `[host]:port`. */
function hostNames(host: string, port: number): string[] {
  return port === 22 ? [host] : [`[${host}]:${port}`];
}

/** Whether a known_hosts host field (comma-separated patterns, or a hashed `|1|salt|hash`) names the host. */
function fieldMatches(field: string, names: readonly string[]): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) {
      return false;
    }
    return names.some((name) => createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash);
  }
  const patterns = field.split(',');
  if (patterns.some((pattern) => pattern.startsWith('!') && names.includes(pattern.slice(1)))) {
    return false;
  }
  return patterns.some((pattern) => names.includes(pattern));
}

/**
 * The host keys (base64, as in the file) that known_hosts texts record for a host and port (pure). Wildcard
 * patterns and `@cert-authority` lines are not interpreted; `@revoked` keys are returned apart.
 */
export function knownHostKeys(texts: readonly string[], host: string, port: number): { keys: string[]; revoked: string[] } {
  const names = hostNames(host, port);
  const keys: string[] = [];
  const revoked: string[] = [];
  for (const line of texts.flatMap((text) => text.split('\n'))) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || fields[0]?.startsWith('#')) {
      continue;
    }
    const marker = fields[0]?.startsWith('@') ? fields.shift() : undefined;
    const [hostField, , key] = fields;
    if (!hostField || !key || marker === '@cert-authority' || !fieldMatches(hostField, names)) {
      continue;
    }
    (marker === '@revoked' ? revoked : keys).push(key);
  }
  return { keys, revoked };
}
